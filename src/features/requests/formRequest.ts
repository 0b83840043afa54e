// What the printable authorisation needs of a request: the request and the person's particulars,
// found by the request's id (officers) or by the hash of the form link's token (the link itself).
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

export const FORM_INCLUDE = {
  beneficiary: {
    select: {
      fullName: true,
      personalId: true,
      dateOfBirth: true,
      address: true,
      phone: true,
      commune: { select: { name: true } },
    },
  },
} as const;

export type FormRequest = Prisma.ChangeRequestGetPayload<{ include: typeof FORM_INCLUDE }>;

export async function findFormRequest(
  db: Pick<PrismaClient, "changeRequest">,
  by: { id: string } | { formTokenHash: string },
): Promise<FormRequest | null> {
  return db.changeRequest.findUnique({ where: by, include: FORM_INCLUDE });
}
