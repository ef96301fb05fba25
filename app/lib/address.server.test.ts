import { describe, expect, it } from "vitest";
import { addressErrors, countryName, countryOptions } from "./address.server";

// Issue 13, item 8: "Austria" must not become AU, nor "Germany" GE.

describe("billing addresses", () => {
  it("offers every country by name with its ISO code", () => {
    const options = countryOptions();
    expect(options.length).toBeGreaterThan(240);
    expect(options.find((o) => o.label === "Austria")?.value).toBe("AT");
    expect(options.find((o) => o.label === "Germany")?.value).toBe("DE");
    expect(countryName("AU")).toBe("Australia");
  });

  it("checks postal codes and tax IDs against the country's format where it is known", () => {
    expect(addressErrors({ country: "AT", postalCode: "1010", taxId: "ATU12345678" })).toEqual({});
    expect(addressErrors({ country: "AT", postalCode: "1010", taxId: "U 123 456 78" })).toEqual({});
    expect(addressErrors({ country: "DE", postalCode: "10115", taxId: "DE123456789" })).toEqual({});
    expect(addressErrors({ country: "AT", postalCode: "10115" }).postalCode?.[0]).toMatch(/used in Austria/);
    expect(addressErrors({ country: "DE", taxId: "ATU12345678" }).taxId?.[0]).toMatch(
      /format used in Germany/,
    );
    // A country the library has no postal format for is not second-guessed.
    expect(addressErrors({ country: "AQ", postalCode: "anything" })).toEqual({});
    expect(addressErrors({ country: "XX" }).country).toEqual(["Choose a country from the list."]);
    expect(addressErrors({ country: "GE", postalCode: "0108" })).toEqual({}); // Georgia is GE
  });
});
