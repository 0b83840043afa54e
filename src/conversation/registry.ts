// The flows of a bot in one list, indexed once at start: which flow a button, a word, the start
// event, a shaped text or an intent opens; which flow a stored state belongs to; which effect a
// request names. A clash (two flows claiming the same button or intent, two effects of one kind)
// stops the bot at start with the names involved, not with a surprise in someone's chat.
import { z } from "zod";
import type { AnyEffect } from "./effect.ts";
import { FlowError, type Flow, type FlowState, type Opener, type Trigger } from "./flow.ts";

export interface Registry {
  readonly flows: readonly Flow[];
  flow(name: string): Flow | null;
  /** The first flow opened by this trigger, in list order. */
  open(trigger: Trigger): Opener | null;
  effect(kind: string): AnyEffect | null;
  /** A stored state of the given envelope version, migrated and parsed; null when unreadable. */
  restore(raw: unknown, envelope: number): FlowState | null;
  /** The state as stored: its flow's state version travels with it. */
  stamp(state: FlowState): FlowState & { v: number };
}

const stored = z.looseObject({ flow: z.string().min(1).max(64), v: z.number().int().min(1).max(1000).optional() });

export function createRegistry(flows: readonly Flow[]): Registry {
  const byName = new Map<string, Flow>();
  for (const f of flows) {
    for (const name of [f.name, ...f.formerNames]) {
      if (byName.has(name)) throw new FlowError(f.name, "registry", `the name "${name}" is used twice`);
      byName.set(name, f);
    }
  }
  const effects = new Map<string, AnyEffect>();
  for (const f of flows) {
    for (const e of f.effects) {
      const known = effects.get(e.kind);
      if (known && known !== e) throw new FlowError(f.name, "registry", `two effects are called "${e.kind}"`);
      effects.set(e.kind, e);
    }
  }
  checkTriggers(flows);
  return {
    flows,
    flow: (name) => byName.get(name) ?? null,
    open(trigger) {
      for (const f of flows) {
        const opener = f.triggers.match(trigger);
        if (opener) return opener;
      }
      return null;
    },
    effect: (kind) => effects.get(kind) ?? null,
    restore(raw, envelope) {
      const head = stored.safeParse(raw);
      if (!head.success) return null;
      const f = byName.get(head.data.flow);
      // Envelope 1 kept no per-flow version: every state then was its flow's first shape.
      const version = envelope === 1 ? 1 : (head.data.v ?? 1);
      return f ? f.restore(raw, version) : null;
    },
    stamp(state) {
      return { ...state, v: byName.get(state.flow)?.stateVersion ?? 1 };
    },
  };
}

function checkTriggers(flows: readonly Flow[]): void {
  const seen = new Map<string, string>();
  const claim = (what: string, flow: string) => {
    const other = seen.get(what);
    if (other && other !== flow) throw new FlowError(flow, "registry", `${what} is claimed by ${other} too`);
    seen.set(what, flow);
  };
  for (const f of flows) {
    for (const b of f.triggers.buttons) claim(`button "${b}"`, f.name);
    for (const p of f.triggers.prefixes) claim(`button prefix "${p}"`, f.name);
    for (const w of f.triggers.words) claim(`word "${w}"`, f.name);
    for (const i of f.triggers.intents) claim(`intent "${i}"`, f.name);
  }
}
