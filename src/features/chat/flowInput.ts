// What a flow step reacts to: an answer typed or pressed, or something the bot cannot read.
export type FlowInput = { kind: "text"; text: string } | { kind: "button"; data: string } | { kind: "unsupported" };
