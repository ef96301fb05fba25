import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import validator from "validator";
import { ValidationError } from "./errors";

// Billing addresses a purchasing office accepts (issue 13, item 8): the country from the
// ISO 3166 list by name (i18n-iso-countries), and the postal code and tax ID checked against
// the country's format where the validator library knows it. Server-side: the forms stay
// light, and their errors come back at the field.

const require = createRequire(import.meta.url);
countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
/** The countries whose VAT or tax number format the validator library knows. */
const VAT_COUNTRIES = new Set(Object.keys(require("validator/lib/isVAT").vatMatchers as object));

/** Every ISO 3166-1 country, by English name, for a select. */
export function countryOptions() {
  return Object.entries(countries.getNames("en", { select: "official" }))
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
}

export function countryName(code: string) {
  return countries.getName(code, "en", { select: "official" }) ?? code;
}

type Address = { country: string; postalCode?: string; taxId?: string };

/** Field errors for a billing address; empty when it is acceptable. */
export function addressErrors(address: Address) {
  const errors: Record<string, string[]> = {};
  const country = address.country.toUpperCase();
  if (!countries.isValid(country)) {
    errors.country = ["Choose a country from the list."];
    return errors;
  }
  const name = countryName(country);
  const postal = address.postalCode?.trim();
  if (postal && (validator.isPostalCodeLocales as readonly string[]).includes(country)) {
    if (!validator.isPostalCode(postal, country as validator.PostalCodeLocale))
      errors.postalCode = [`That is not a postal code used in ${name}. Check it against the address.`];
  }
  // Offices write tax IDs with or without the country prefix and with spaces or dots; the
  // library accepts either prefix form.
  const taxId = address.taxId?.replace(/[\s.-]/g, "").toUpperCase();
  if (taxId && VAT_COUNTRIES.has(country) && !validator.isVAT(taxId, country as validator.VATCountryCode))
    errors.taxId = [`That tax ID does not have the format used in ${name}. Check it, or leave it empty.`];
  return errors;
}

export function assertAddress(address: Address) {
  const errors = addressErrors(address);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}
