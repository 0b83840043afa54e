// The beneficiary takes back an authorisation from the chat: it ends today, the relative is told,
// and the payout lists not yet sent carry the beneficiary again. Only the person themself may.
import { z } from "zod";
import { btn, say, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { decision, defineFlow, type Decision, type FlowInput } from "../../../../conversation/flow.ts";
import { authorisationsInForce, revokeAuthorisation as revoke } from "../../../requests/revoke.ts";
import { activePerson } from "../../address.ts";
import { BUTTON } from "../../commands.ts";
import { personRef as loadPerson } from "../../identityChecks.ts";
import { personRef } from "../../personRef.ts";
import { menu } from "../menu/replies.ts";
import { CANCEL_ROW, pressed, RQ } from "../requests/common.ts";
import { revokeState, type RevokeState } from "../requests/states.ts";

const NAME = "revoke";
const id = z.string().min(1).max(64);
const item = z.object({ id, relativeName: z.string().max(100), validUntil: z.string().max(10) });

/** Approved authorisations of a person still in force, for revoking one. */
const listAuthorisations = defineEffect({
  kind: "listAuthorisations",
  payload: { beneficiaryId: id },
  output: z.object({ person: personRef, items: z.array(item) }).nullable(),
  async perform(tx, { beneficiaryId }, ctx) {
    const person = ctx.links.some((l) => l.beneficiaryId === beneficiaryId)
      ? await loadPerson(tx, beneficiaryId)
      : null;
    return person ? { person, items: await authorisationsInForce(tx, beneficiaryId, ctx.today) } : null;
  },
});

const revokeAuthorisation = defineEffect({
  kind: "revokeAuthorisation",
  payload: { beneficiaryId: id, authorisationId: id },
  output: z.object({ ok: z.boolean(), relativeName: z.string() }),
  async perform(tx, p, ctx) {
    // Only the beneficiary themself takes an authorisation back.
    const self = ctx.links.some((l) => l.beneficiaryId === p.beneficiaryId && l.role === "SELF");
    if (!self) return { ok: false, relativeName: "" };
    return revoke(tx, { identityId: ctx.identityId, ...p, today: ctx.today });
  },
});

const results = z.discriminatedUnion("kind", [listAuthorisations.result, revokeAuthorisation.result]);

function start(ctx: ChatContext): Decision {
  const active = activePerson(ctx);
  if (active?.role !== "SELF") return decision(null, [{ ...menu(ctx), text: [say("requests:revoke.onlySelf")] }]);
  return decision(null, [], [listAuthorisations.ask(NAME, { beneficiaryId: active.beneficiaryId })]);
}

function prompt(state: RevokeState): Reply {
  if (state.step === "choose") {
    return {
      text: [say("requests:revoke.choose")],
      buttons: [
        ...state.items.map((a, i) => [btn("requests:button.revokeFor", `${RQ.edit}${i}`, { name: a.relativeName })]),
        CANCEL_ROW,
      ],
    };
  }
  const chosen = state.items.find((a) => a.id === state.authorisationId);
  return {
    text: [
      say("requests:revoke.confirm", { name: chosen?.relativeName ?? "", date: { date: chosen?.validUntil ?? "" } }),
      say("requests:revoke.effect", { name: chosen?.relativeName ?? "" }),
    ],
    buttons: [[btn("requests:button.revoke", RQ.yes)], CANCEL_ROW],
  };
}

function step(state: RevokeState, input: FlowInput): Decision | null {
  if (state.step === "choose") {
    const chosen = state.items[Number(pressed(input, RQ.edit) ?? NaN)];
    if (!chosen) return null;
    const next: RevokeState = { ...state, step: "confirm", authorisationId: chosen.id };
    return decision(next, [prompt(next)]);
  }
  if (pressed(input, RQ.yes) === null || !state.authorisationId) return null;
  return decision(
    state,
    [],
    [
      revokeAuthorisation.ask(NAME, {
        beneficiaryId: state.person.beneficiaryId,
        authorisationId: state.authorisationId,
      }),
    ],
  );
}

function onResult(result: z.infer<typeof results>, ctx: ChatContext): Decision {
  if (result.kind === "revokeAuthorisation") {
    const text = result.value.ok
      ? say("requests:revoke.done", { name: result.value.relativeName })
      : say("requests:revoke.failed");
    return decision(null, [{ ...menu(ctx), text: [text] }]);
  }
  const list = result.value;
  if (!list) return decision(null, [{ ...menu(ctx), text: [say("requests:revoke.failed")] }]);
  if (list.items.length === 0) return decision(null, [{ ...menu(ctx), text: [say("requests:revoke.none")] }]);
  const items = list.items.slice(0, 10);
  const state: RevokeState =
    items.length === 1 && items[0]
      ? { flow: NAME, step: "confirm", person: list.person, items, authorisationId: items[0].id }
      : { flow: NAME, step: "choose", person: list.person, items };
  return decision(state, [prompt(state)]);
}

export const revokeFlow = defineFlow({
  name: NAME,
  state: { schema: revokeState, version: 1 },
  effects: [listAuthorisations, revokeAuthorisation],
  opens: { buttons: { [BUTTON.revoke]: "start" } },
  start: (_open, ctx) => start(ctx),
  step: (state, input) => step(state, input),
  prompt: (state) => prompt(state),
  restart: (_state, ctx) => start(ctx),
  results,
  onResult: (_state, result, ctx) => onResult(result, ctx),
});
