import ts from "typescript";
import { loadStripeTypes, STRIPE_OBJECT_TYPES } from "./stripe-types";

// Skeletons of Stripe's objects (issue 9, section 5), derived from the pinned SDK's
// types: for each property Stripe always sends, its empty value (null, [], false, 0,
// an enum's neutral value), and the shapes of nested objects. The emulator fills what
// it does not set from these (tests/mocks/stripe/complete.ts).

type Node = { d?: unknown; s?: string; a?: string };
type Shape = Record<string, Node>;

const MAX_DEPTH = 10;

/** The skeletons of every object type the emulator returns, from the pinned SDK's types. */
export function buildStripeSkeletons() {
  const { checker, types } = loadStripeTypes(Object.values(STRIPE_OBJECT_TYPES));
  const shapes: Record<string, Shape> = {};

  function objectMember(type: ts.Type): ts.Type | null {
    const members = type.isUnion() ? type.types : [type];
    return (
      members.find(
        (m) =>
          m.flags & ts.TypeFlags.Object &&
          !checker.isArrayType(m) &&
          checker.getPropertiesOfType(m).length > 0,
      ) ?? null
    );
  }

  function arrayElement(type: ts.Type): ts.Type | null {
    const members = type.isUnion() ? type.types : [type];
    const array = members.find((m) => checker.isArrayType(m));
    return array ? (checker.getTypeArguments(array as ts.TypeReference)[0] ?? null) : null;
  }

  function shapeId(type: ts.Type) {
    return checker.typeToString(
      type,
      undefined,
      ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType,
    );
  }

  function defaultOf(type: ts.Type, depth: number): unknown {
    const members = type.isUnion() ? type.types : [type];
    if (members.some((m) => m.flags & ts.TypeFlags.Null)) return null;
    if (members.some((m) => checker.isArrayType(m))) return [];
    if (members.every((m) => m.flags & ts.TypeFlags.BooleanLike)) return false;
    if (members.some((m) => m.flags & ts.TypeFlags.NumberLike)) return 0;
    const literals = members.filter((m) => m.flags & ts.TypeFlags.StringLiteral) as ts.StringLiteralType[];
    // An enum's neutral value where it has one (Stripe's default for tax_exempt is "none").
    if (literals.length) return (literals.find((l) => l.value === "none") ?? literals[0]!).value;
    if (members.some((m) => m.flags & ts.TypeFlags.String)) return "";
    const object = objectMember(type);
    // An index-signature-only type (Stripe.Metadata) is an empty object.
    if (
      !object &&
      members.some((m) => m.flags & ts.TypeFlags.Object && checker.getIndexInfosOfType(m).length > 0)
    )
      return {};
    if (object && depth < MAX_DEPTH) {
      const value: Record<string, unknown> = {};
      for (const p of checker.getPropertiesOfType(object)) {
        if (p.flags & ts.SymbolFlags.Optional || p.name === "lastResponse") continue;
        value[p.name] = defaultOf(checker.getTypeOfSymbol(p), depth + 1);
      }
      return value;
    }
    return null;
  }

  function shapeOf(type: ts.Type, depth: number): string | undefined {
    const id = shapeId(type);
    if (shapes[id]) return id;
    if (checker.getPropertiesOfType(type).length === 0) return undefined;
    const shape: Shape = {};
    shapes[id] = shape;
    for (const p of checker.getPropertiesOfType(type)) {
      if (p.name === "lastResponse") continue;
      const propType = checker.getTypeOfSymbol(p);
      const node: Node = {};
      if (!(p.flags & ts.SymbolFlags.Optional)) node.d = defaultOf(propType, depth + 1);
      const object = objectMember(propType);
      if (object) node.s = shapeOf(object, depth + 1);
      const element = arrayElement(propType);
      const elementObject = element ? objectMember(element) : null;
      if (elementObject) node.a = shapeOf(elementObject, depth + 1);
      if (node.s === undefined) delete node.s;
      if (node.a === undefined) delete node.a;
      shape[p.name] = node;
    }
    return id;
  }

  const roots: Record<string, string> = {};
  for (const [object, name] of Object.entries(STRIPE_OBJECT_TYPES))
    roots[object] = shapeOf(types.get(name)!, 0)!;
  return { roots, shapes };
}
