// What the consent question remembers: whom the chat is about to be linked to, as what, and how
// it was proven. Nothing sensitive: record ids only.
import { z } from "zod";
import { personRef } from "../../personRef.ts";

const id = z.string().min(1).max(64);

export const linkRequest = z.object({
  person: personRef,
  role: z.enum(["SELF", "REPRESENTATIVE"]),
  via: z.enum(["LINK_CODE", "IDENTITY_CHECK", "AUTHORISATION"]),
  linkCodeId: id.optional(),
  authorisationId: id.optional(),
  relativeId: id.optional(),
});
export type LinkRequest = z.infer<typeof linkRequest>;

export const consentState = z.object({
  flow: z.literal("consent"),
  step: z.literal("askConsent"),
  request: linkRequest,
});
export type ConsentState = z.infer<typeof consentState>;
