import path from "node:path";
import ts from "typescript";

// Checks JSON against the Stripe SDK's own TypeScript types (generated from Stripe's
// OpenAPI spec, release in node_modules/stripe/OPENAPI_VERSION): every property the
// type declares non-optional must be present, each value must have its declared type
// and nullability, string enums must hold one of their values, expandable fields may
// be the id or the object, and properties the type does not declare are refused.

const root = path.resolve(import.meta.dirname, "../..");

let checker: ts.TypeChecker | undefined;
const types = new Map<string, ts.Type>();

/** Stripe's `object` value → the SDK's type for it. */
export const STRIPE_OBJECT_TYPES: Record<string, string> = {
  customer: "Customer",
  product: "Product",
  "checkout.session": "Checkout.Session",
  subscription: "Subscription",
  subscription_item: "SubscriptionItem",
  invoice: "Invoice",
  line_item: "InvoiceLineItem",
  invoiceitem: "InvoiceItem",
  payment_intent: "PaymentIntent",
  setup_intent: "SetupIntent",
  payment_method: "PaymentMethod",
  charge: "Charge",
  refund: "Refund",
  balance_transaction: "BalanceTransaction",
  invoice_payment: "InvoicePayment",
  price: "Price",
  tax_id: "TaxId",
  "billing_portal.session": "BillingPortal.Session",
};

/** Loads `Stripe.<name>` for each name with the TypeScript compiler; returns the checker and types. */
export function loadStripeTypes(names: string[]) {
  load(names);
  return { checker: checker!, types };
}

function load(names: string[]) {
  const file = path.join(root, ".data", "stripe-contract-types.ts");
  const source = `import type Stripe from "stripe";\n${names
    .map((n, i) => `export type T${i} = Stripe.${n};`)
    .join("\n")}\n`;
  const host = ts.createCompilerHost({ strict: true, skipLibCheck: true });
  const original = host.readFile;
  host.readFile = (f) => (path.resolve(f) === file ? source : original(f));
  const exists = host.fileExists;
  host.fileExists = (f) => path.resolve(f) === file || exists(f);
  const program = ts.createProgram({
    rootNames: [file],
    options: {
      strict: true,
      skipLibCheck: true,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      module: ts.ModuleKind.ESNext,
      types: [],
      noEmit: true,
      baseUrl: root,
    },
    host,
  });
  checker = program.getTypeChecker();
  const sf = program.getSourceFile(file)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(sf)!);
  for (const symbol of exports) {
    const index = Number(symbol.name.slice(1));
    types.set(names[index]!, checker.getDeclaredTypeOfSymbol(symbol));
  }
}

export type ContractError = { path: string; problem: string };

function describe(type: ts.Type) {
  return checker!.typeToString(type).slice(0, 120);
}

function check(type: ts.Type, value: unknown, at: string, errors: ContractError[], depth: number) {
  const c = checker!;
  if (depth > 12) return;
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
  if (type.isUnion()) {
    const attempts = type.types.map((member) => {
      const sub: ContractError[] = [];
      check(member, value, at, sub, depth);
      return sub;
    });
    if (attempts.some((a) => a.length === 0)) return;
    // Report the member that came closest (fewest problems) when none fits.
    const objectMembers = type.types.filter((m) => m.flags & ts.TypeFlags.Object);
    if (value !== null && typeof value === "object" && objectMembers.length > 0) {
      const best = attempts
        .filter((_, i) => type.types[i]!.flags & ts.TypeFlags.Object)
        .sort((a, b) => a.length - b.length)[0]!;
      errors.push(...best);
      return;
    }
    errors.push({ path: at, problem: `${JSON.stringify(value)?.slice(0, 60)} is not ${describe(type)}` });
    return;
  }
  if (type.flags & ts.TypeFlags.Undefined) {
    errors.push({ path: at, problem: "expected to be absent" });
    return;
  }
  if (type.flags & ts.TypeFlags.Null) {
    if (value !== null) errors.push({ path: at, problem: "expected null" });
    return;
  }
  if (type.flags & ts.TypeFlags.StringLiteral) {
    if (value !== (type as ts.StringLiteralType).value)
      errors.push({ path: at, problem: `expected "${(type as ts.StringLiteralType).value}"` });
    return;
  }
  if (type.flags & ts.TypeFlags.BooleanLiteral) {
    if (value !== (describe(type) === "true"))
      errors.push({ path: at, problem: `expected ${describe(type)}` });
    return;
  }
  if (type.flags & ts.TypeFlags.String) {
    if (typeof value !== "string")
      errors.push({ path: at, problem: `expected a string, got ${JSON.stringify(value)?.slice(0, 40)}` });
    return;
  }
  if (type.flags & ts.TypeFlags.Number) {
    if (typeof value !== "number")
      errors.push({ path: at, problem: `expected a number, got ${JSON.stringify(value)?.slice(0, 40)}` });
    return;
  }
  if (type.flags & ts.TypeFlags.Boolean) {
    if (typeof value !== "boolean") errors.push({ path: at, problem: "expected a boolean" });
    return;
  }
  if (c.isArrayType(type)) {
    if (!Array.isArray(value)) {
      errors.push({ path: at, problem: "expected an array" });
      return;
    }
    const element = c.getTypeArguments(type as ts.TypeReference)[0]!;
    for (const [i, v] of value.entries()) check(element, v, `${at}[${i}]`, errors, depth + 1);
    return;
  }
  if (type.flags & ts.TypeFlags.Object) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      errors.push({
        path: at,
        problem: `expected an object (${describe(type)}), got ${JSON.stringify(value)?.slice(0, 40)}`,
      });
      return;
    }
    const record = value as Record<string, unknown>;
    const stringIndex = c.getIndexInfoOfType(type, ts.IndexKind.String);
    const properties = c.getPropertiesOfType(type);
    if (properties.length === 0 && stringIndex) {
      for (const [k, v] of Object.entries(record))
        check(stringIndex.type, v, `${at}.${k}`, errors, depth + 1);
      return;
    }
    const declared = new Set(properties.map((p) => p.name));
    for (const property of properties) {
      // Declared on the interface but never in JSON (the SDK's lastResponse helper).
      if (property.name === "lastResponse") continue;
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      const propType = c.getTypeOfSymbol(property);
      if (!(property.name in record)) {
        if (!optional) errors.push({ path: `${at}.${property.name}`, problem: "missing" });
        continue;
      }
      check(propType, record[property.name], `${at}.${property.name}`, errors, depth + 1);
    }
    for (const key of Object.keys(record))
      if (!declared.has(key) && !stringIndex)
        errors.push({ path: `${at}.${key}`, problem: "not in Stripe's type" });
    return;
  }
  errors.push({ path: at, problem: `unhandled type ${describe(type)}` });
}

/** Validates `value` against `Stripe.<typeName>` (e.g. "PaymentIntent", "Checkout.Session"). */
export function stripeContractErrors(typeName: string, value: unknown, allTypeNames: string[]) {
  if (!checker) load(allTypeNames);
  const type = types.get(typeName);
  if (!type) throw new Error(`unknown Stripe type ${typeName}`);
  const errors: ContractError[] = [];
  check(type, value, typeName, errors, 0);
  return errors;
}
