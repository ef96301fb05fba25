import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, SelectField } from "~/components/ui/Field";
import { useCollectionPage, useReplyFor } from "./page";
import { ruleSchema } from "./schemas";

/** The matching rule of an open initiative and its caps. */
export function MatchingRuleForm() {
  const { initiative, busy } = useCollectionPage();
  const [form, fields] = useSchemaForm(ruleSchema, useReplyFor("rule"), {
    rule: initiative.matchRule,
    cap: initiative.matchCap,
    capShare: initiative.matchCapSharePercent,
  });
  return (
    <SchemaForm form={form} intent="rule" className="grid gap-3 sm:grid-cols-3">
      <SelectField
        label="Rule"
        {...fieldProps(fields.rule)}
        options={[
          { value: "none", label: "No matching" },
          { value: "one_to_one", label: "1:1 up to a cap" },
          { value: "quadratic", label: "Quadratic, by organization" },
        ]}
      />
      <Field label={`1:1 cap (${initiative.currency})`} inputMode="decimal" {...fieldProps(fields.cap)} />
      <Field label="Quadratic cap (% of the pool)" inputMode="decimal" {...fieldProps(fields.capShare)} />
      <div>
        <Button type="submit" variant="secondary" disabled={busy}>
          Save the rule
        </Button>
      </div>
    </SchemaForm>
  );
}
