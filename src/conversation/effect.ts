// Effects: the database work a flow asks for, run by the brain in the transaction of the message
// being answered. A flow never runs one itself (steps stay pure); it returns a request naming the
// effect, its payload and itself (`by`), and the effect's result comes back to that same flow.
// Each effect parses its payload with its own schema before it runs, and declares the schema of
// its result, which the asking flow composes into the results it accepts.
import { z } from "zod";
import type { Policy } from "../features/policy/policySchema.ts";
import type { ChatContext, Tx } from "./brain.ts";

/** What an effect may use besides the transaction. */
export interface EffectDeps {
  /** The policy in force (from the database, reloaded when its version moves); `tx` reads it. */
  policy(tx: Tx): Promise<Policy>;
}

/** A request for an effect: its kind, the flow that asked (`by`), and the payload fields. */
export interface EffectRequest {
  readonly kind: string;
  readonly by: string;
  readonly [field: string]: unknown;
}

export interface AnyEffect {
  readonly kind: string;
  /** Parses the request's payload and runs the effect; null: nothing to tell the flow. */
  run(tx: Tx, request: EffectRequest, ctx: ChatContext, deps: EffectDeps): Promise<unknown>;
}

export interface Effect<K extends string, P extends z.ZodRawShape, O> extends AnyEffect {
  readonly kind: K;
  /** The request a flow returns in its decision. */
  ask(by: string, payload: z.infer<z.ZodObject<P>>): EffectRequest;
  /** `{ kind, value }` as the asking flow receives it. */
  readonly result: z.ZodObject<{ kind: z.ZodLiteral<K>; value: z.ZodType<O> }>;
}

export interface EffectDef<K extends string, P extends z.ZodRawShape, O> {
  kind: K;
  payload: P;
  /** The shape of what comes back; effects that tell nothing use z.null(). */
  output: z.ZodType<O>;
  perform(tx: Tx, payload: z.infer<z.ZodObject<P>>, ctx: ChatContext, deps: EffectDeps): Promise<O>;
}

export function defineEffect<K extends string, P extends z.ZodRawShape, O>(def: EffectDef<K, P, O>): Effect<K, P, O> {
  const payload = z.object(def.payload);
  return {
    kind: def.kind,
    ask: (by, p) => ({ ...p, kind: def.kind, by }),
    result: z.object({ kind: z.literal(def.kind), value: def.output }),
    async run(tx, request, ctx, deps) {
      const value = await def.perform(tx, payload.parse(request), ctx, deps);
      return value === null ? null : { kind: def.kind, value };
    },
  };
}
