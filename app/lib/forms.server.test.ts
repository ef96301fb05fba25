import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handleForm } from "./forms.server";

describe("handleForm", () => {
  it("removes NUL characters, which PostgreSQL cannot store, before validating", async () => {
    const form = new FormData();
    form.append("note", "before\u0000after");
    let seen = "";
    const response = await handleForm(form, z.object({ note: z.string() }), async (value) => {
      seen = value.note;
      return new Response("ok");
    });
    expect(response).toBeInstanceOf(Response);
    expect(seen).toBe("beforeafter");
  });

  it("answers 400 with the errors at each field", async () => {
    const result = await handleForm(
      new FormData(),
      z.object({ note: z.string({ error: "Write a note." }) }),
      () => Promise.resolve(new Response("never")),
    );
    expect(result).not.toBeInstanceOf(Response);
    const { data, init } = result as unknown as {
      data: { error: Record<string, string[]> };
      init: ResponseInit;
    };
    expect(init.status).toBe(400);
    expect(data.error.note).toEqual(["Write a note."]);
  });
});
