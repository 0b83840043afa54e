// What the people flow reads and writes: which linked person is selected, and what the bot knows
// about them.
import { z } from "zod";
import { defineEffect } from "../../../../conversation/effect.ts";
import { profile as readProfile, select } from "../../linkWrites.ts";

export const selectEffect = defineEffect({
  kind: "select",
  payload: { beneficiaryId: z.string().min(1).max(64) },
  output: z.null(),
  async perform(tx, { beneficiaryId }, ctx) {
    await select(tx, ctx, beneficiaryId);
    return null;
  },
});

export const profileSchema = z.object({
  fullName: z.string(),
  communeName: z.string(),
  programme: z.enum(["BTXH", "NCC"]),
  status: z.enum(["ACTIVE", "SUSPENDED", "ENDED", "DECEASED"]),
  maskedPersonalId: z.string(),
  dateOfBirth: z.string().optional(),
  maskedPhone: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  /** The verified account money goes to, masked ("Agribank ••••3456"); null: cash. */
  account: z.string().nullable().optional(),
  /** The relative authorised to collect now, with the last day of the authorisation. */
  receiver: z.object({ name: z.string(), until: z.string() }).nullable().optional(),
  /** Chats linked to the person (this one included). */
  chats: z.number().int().optional(),
});
export type Profile = z.infer<typeof profileSchema>;

export const loadProfile = defineEffect({
  kind: "loadProfile",
  payload: { beneficiaryId: z.string().min(1).max(64) },
  output: profileSchema.nullable(),
  perform: async (tx, { beneficiaryId }, ctx) => (await readProfile(tx, ctx, beneficiaryId)).profile,
});
