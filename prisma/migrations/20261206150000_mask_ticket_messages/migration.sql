-- Ticket messages written before they were masked on the way in: personal IDs, phone numbers and
-- account numbers (runs of 8 to 19 digits, not part of a word or a record id) keep their last four
-- digits only, as the chat history does (Law 91/2025: these are sensitive personal data).
UPDATE "TicketMessage"
SET "text" = regexp_replace("text", '(?<![0-9A-Za-z-])(\+?[0-9]{4,15})([0-9]{4})(?![0-9A-Za-z])', '••••••••\2', 'g')
WHERE "text" ~ '[0-9]{8}';
