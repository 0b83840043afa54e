// The search parameters of the beneficiary list, shared by the console page and the JSON API.
import { z } from "zod";
import { BeneficiaryStatus, Programme } from "../../generated/prisma/enums.ts";

// Form selects send "" for "all".
const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);

export const beneficiaryQuerySchema = z.object({
  q: z.preprocess(blankIsUnset, z.string().trim().max(100).optional()),
  communeId: z.preprocess(blankIsUnset, z.string().max(64).optional()),
  programme: z.preprocess(blankIsUnset, z.enum(Programme).optional()),
  status: z.preprocess(blankIsUnset, z.enum(BeneficiaryStatus).optional()),
  page: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).max(100_000).optional()),
});

export type BeneficiaryQueryInput = z.infer<typeof beneficiaryQuerySchema>;
