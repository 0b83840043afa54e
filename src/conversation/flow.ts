// What one chat flow is: a module that owns its stored state (with migrations from older shapes),
// how it starts, its pure steps, the question it asks again, what "hủy" undoes, the effects it asks
// for and the results that come back to it, and the commands and intents that open it. A flow is
// written typed (defineFlow) and registered erased (Flow), so the dispatcher can hold a list of
// very different flows without knowing their shapes — like a Typebot block or a grammY handler,
// the trigger and the handler are declared together.
import type { z } from "zod";
import type { Reply } from "../core/reply.ts";
import type { IntentId } from "../nlu/intents.ts";
import type { ChatContext } from "./brain.ts";
import type { AnyEffect, EffectRequest } from "./effect.ts";
import { migrateState, type StateDef } from "./stateVersions.ts";

/** What a step reacts to: an answer typed or pressed, or something the bot cannot read. */
export type FlowInput = { kind: "text"; text: string } | { kind: "button"; data: string } | { kind: "unsupported" };

/** Any flow's stored state: plain JSON whose `flow` names the flow it belongs to. */
export interface FlowState {
  readonly flow: string;
}

export interface Decision {
  /** The state to keep; null when no flow is waiting for an answer. */
  state: FlowState | null;
  replies: Reply[];
  effects: EffectRequest[];
}

export function decision(state: FlowState | null, replies: Reply[], effects: EffectRequest[] = []): Decision {
  return { state, replies, effects };
}

/** The flow in progress, bound to its parsed state. */
export interface Active {
  readonly flow: string;
  readonly state: FlowState;
  /** True for a state that remembers something but asks nothing: any message is read afresh. */
  readonly passive: boolean;
  step(input: FlowInput, ctx: ChatContext): Decision | null;
  prompt(ctx: ChatContext): Reply;
  restart(ctx: ChatContext): Decision;
  /** What "hủy" undoes beyond forgetting the question (a saved draft). */
  cancel(ctx: ChatContext): EffectRequest[];
}

/** How a flow is being opened: by what was typed, and over which flow in progress. */
export interface Opening {
  text: string | null;
  /** A question in progress, if any (a passive state is not a question). */
  active: Active | null;
  /** Any other flow, opened by an intent (for choices such as "Bác muốn hỏi về…"). */
  byIntent(intent: IntentId, text: string | null): Decision | null;
}

/** The commands and intents that open a flow, each mapped to the argument its start receives. */
export interface Triggers<A> {
  /** Exact button data ("pay:next"). */
  buttons?: Readonly<Record<string, A>>;
  /** Button data with a value after a prefix ("why:2026-08-01"). */
  prefixes?: readonly { prefix: string; read(rest: string): A | null }[];
  /** Whole typed words, compared without accents or case ("huy", "menu"). */
  words?: Readonly<Record<string, A>>;
  /** The platform's start event (/start, a QR code, the web chat opened). */
  start?(payload: string | null): A | null;
  /** Free text of a recognisable shape (a printed link code), outside any question. */
  text?(text: string): A | null;
  /** Understood intents of free text. */
  intents?: Partial<Readonly<Record<IntentId, A>>>;
}

export interface FlowDef<S extends FlowState, A, R> {
  name: string;
  state?: StateDef<S>;
  /** See Active.passive. */
  passive?: boolean;
  opens?: Triggers<A>;
  start?(arg: A, ctx: ChatContext, at: Opening): Decision;
  step?(state: S, input: FlowInput, ctx: ChatContext): Decision | null;
  prompt?(state: S, ctx: ChatContext): Reply;
  restart?(state: S, ctx: ChatContext): Decision;
  cancel?(state: S, ctx: ChatContext): EffectRequest[];
  /** The results of the effects this flow asks for, parsed before onResult sees them. */
  results?: z.ZodType<R>;
  /**
   * `state`: this flow's own state, if it is the one in progress; `current`: whatever state is in
   * progress (a flow that only helps, like the hotline, keeps another flow's question open).
   */
  onResult?(state: S | null, result: R, ctx: ChatContext, current: FlowState | null): Decision;
  /** Effects this flow brings (other flows may ask for them too). */
  effects?: readonly AnyEffect[];
}

export type Opener = (ctx: ChatContext, at: Opening) => Decision;

/** A flow as the registry holds it: every typed piece closed over, nothing cast. */
export interface Flow {
  readonly name: string;
  readonly stateVersion: number;
  readonly passive: boolean;
  readonly formerNames: readonly string[];
  readonly effects: readonly AnyEffect[];
  readonly triggers: TriggerIndex;
  /** The stored state (of `version`) migrated and parsed; null when it cannot be read. */
  restore(raw: unknown, version: number): FlowState | null;
  /** Binds a state this flow produced (or restored) to its steps. */
  activate(state: FlowState): Active | null;
  /**
   * A result of an effect this flow asked for; null when the result does not fit its schema.
   * `current`: the question in progress, whichever flow's it is (null when none, or passive).
   */
  deliver(state: FlowState | null, result: unknown, ctx: ChatContext, current: FlowState | null): Decision | null;
}

export interface TriggerIndex {
  buttons: readonly string[];
  prefixes: readonly string[];
  words: readonly string[];
  intents: readonly IntentId[];
  start: boolean;
  text: boolean;
  /** The opener for an event, or null when this flow is not opened by it. */
  match(event: Trigger): Opener | null;
}

export type Trigger =
  | { kind: "button"; data: string }
  | { kind: "word"; folded: string }
  | { kind: "start"; payload: string | null }
  | { kind: "text"; text: string }
  | { kind: "intent"; intent: IntentId };

export function defineFlow<S extends FlowState, A = never, R = never>(def: FlowDef<S, A, R>): Flow {
  const stateDef = def.state;
  const parse = (raw: unknown): S | null => {
    if (!stateDef) return null;
    const parsed = stateDef.schema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  };
  const bind = (state: S): Active => ({
    flow: def.name,
    state,
    passive: def.passive === true,
    step: (input, ctx) => def.step?.(state, input, ctx) ?? null,
    prompt: (ctx) => {
      if (!def.prompt)
        throw new FlowError(def.name, "prompt", "a flow that keeps a state must be able to ask its question again");
      return def.prompt(state, ctx);
    },
    restart: (ctx) => def.restart?.(state, ctx) ?? { state: null, replies: [], effects: [] },
    cancel: (ctx) => def.cancel?.(state, ctx) ?? [],
  });
  const opener = (arg: A | null | undefined): Opener | null => {
    const start = def.start;
    if (arg === null || arg === undefined || !start) return null;
    return (ctx, at) => start(arg, ctx, at);
  };
  const t = def.opens ?? {};
  return {
    name: def.name,
    stateVersion: stateDef?.version ?? 1,
    passive: def.passive === true,
    formerNames: stateDef?.formerNames ?? [],
    effects: def.effects ?? [],
    triggers: {
      buttons: Object.keys(t.buttons ?? {}),
      prefixes: (t.prefixes ?? []).map((p) => p.prefix),
      words: Object.keys(t.words ?? {}),
      intents: Object.keys(t.intents ?? {}).filter(isKnownIntent(t.intents)),
      start: t.start !== undefined,
      text: t.text !== undefined,
      match(event) {
        switch (event.kind) {
          case "button": {
            if (t.buttons && Object.hasOwn(t.buttons, event.data)) return opener(t.buttons[event.data]);
            const p = t.prefixes?.find((x) => event.data.startsWith(x.prefix));
            return p ? opener(p.read(event.data.slice(p.prefix.length))) : null;
          }
          case "word":
            return t.words && Object.hasOwn(t.words, event.folded) ? opener(t.words[event.folded]) : null;
          case "start":
            return opener(t.start?.(event.payload));
          case "text":
            return opener(t.text?.(event.text));
          case "intent":
            return opener(t.intents?.[event.intent]);
        }
      },
    },
    restore(raw, version) {
      if (!stateDef) return null;
      const migrated = migrateState(stateDef, raw, version);
      return migrated.ok ? parse(migrated.value) : null;
    },
    activate(state) {
      const parsed = state.flow === def.name ? parse(state) : null;
      return parsed ? bind(parsed) : null;
    },
    deliver(state, result, ctx, current) {
      if (!def.results || !def.onResult) return null;
      const parsed = def.results.safeParse(result);
      if (!parsed.success) return null;
      return def.onResult(state && state.flow === def.name ? parse(state) : null, parsed.data, ctx, current);
    },
  };
}

/** A programming error inside a flow, with the flow and the part that failed (logged with them). */
export class FlowError extends Error {
  constructor(
    readonly flow: string,
    readonly part: string,
    message: string,
  ) {
    super(`${flow}.${part}: ${message}`);
    this.name = "FlowError";
  }
}

function isKnownIntent(intents: Partial<Readonly<Record<IntentId, unknown>>> | undefined) {
  return (key: string): key is IntentId => intents !== undefined && Object.hasOwn(intents, key);
}
