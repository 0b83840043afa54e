import { describe, expect, it } from "vitest";
import { connectionLoss } from "./connectionLoss.ts";

describe("connectionLoss", () => {
  it("recognises the database going away, also when wrapped", () => {
    expect(connectionLoss(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      connectionLoss(new Error("processing failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:5432") })),
    ).toBe(true);
    expect(
      connectionLoss(Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" })),
    ).toBe(true);
    expect(connectionLoss(new Error("terminating connection due to administrator command"))).toBe(true);
    expect(connectionLoss(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
    expect(connectionLoss(new Error("write EPIPE"))).toBe(true);
  });

  it("leaves query failures and bugs alone", () => {
    expect(connectionLoss(new Error("Unique constraint failed on the fields: (`dedupeKey`)"))).toBe(false);
    expect(connectionLoss(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(connectionLoss("a string")).toBe(false);
  });
});
