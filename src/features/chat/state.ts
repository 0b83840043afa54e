// A person the chat talks about, as the flows' states keep them (each flow owns its state schema;
// see flows/<name>/).
export { personRef, type PersonRef } from "./personRef.ts";
