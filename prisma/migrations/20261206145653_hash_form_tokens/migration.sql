-- Printable-form links given out before tokens were kept as a hash: the token is replaced by its
-- SHA-256 (what the service now looks links up by), so a copy of the database no longer opens
-- them, and they work for AUTHORISATION_FORM_DAYS counted from this upgrade.
UPDATE "ChangeRequest"
SET "formTokenHash" = encode(sha256(convert_to("formToken", 'UTF8')), 'hex'),
    "formIssuedAt" = CURRENT_TIMESTAMP,
    "formToken" = NULL
WHERE "formToken" IS NOT NULL;
