// A person the chat talks about, as flow states keep them: the record id and how to address them.
import { z } from "zod";

export const personRef = z.object({
  beneficiaryId: z.string().min(1).max(64),
  fullName: z.string().max(200),
  sex: z.enum(["MALE", "FEMALE"]).optional(),
});
export type PersonRef = z.infer<typeof personRef>;
