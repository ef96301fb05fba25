import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { fieldProps, useSchemaForm } from "~/components/forms";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { FormError, SelectField, TextareaField } from "~/components/ui/Field";
import { Table, Td, Th } from "~/components/ui/Table";
import { reviewSchema } from "~/modules/initiatives/schemas";
import type { PageData } from "./route";

// The reviewers' leverage scores, and this reviewer's own scorecard.

const scoreOptions = [
  { value: "", label: "Not scored" },
  ...[0, 1, 2, 3].map((n) => ({ value: String(n), label: String(n) })),
];
const LEVERAGE = [
  ["technical", "Technical leverage", "Does it make the platform better for everyone, not one hub?"],
  ["network", "Network leverage", "How many hubs and communities benefit?"],
  ["ecosystem", "Ecosystem leverage", "Does it land upstream, where the wider ecosystem gains?"],
  ["sustainability", "Sustainability leverage", "Will it stay maintained after the money is spent?"],
] as const;

export function Scorecard({
  data,
  lastResult,
  busy,
}: {
  data: PageData;
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const { mine, reviews } = data;
  const [form, fields] = useSchemaForm(reviewSchema, lastResult, {
    technical: mine ? String(mine.technical) : "",
    network: mine ? String(mine.network) : "",
    ecosystem: mine ? String(mine.ecosystem) : "",
    sustainability: mine ? String(mine.sustainability) : "",
    note: mine?.note ?? "",
  });
  return (
    <section aria-labelledby="scorecard" className="space-y-3">
      <h2 id="scorecard">Leverage scorecard</h2>
      <p className="text-sm text-muted">
        {data.average === null
          ? "No reviewer has scored it yet."
          : `Average ${data.average} of 12 from ${reviews.length} ${reviews.length === 1 ? "reviewer" : "reviewers"}.`}
      </p>
      {reviews.length > 0 ? (
        <Table caption="Reviewers' scores" minWidth="min-w-[44rem]">
          <thead>
            <tr>
              <Th>Reviewer</Th>
              <Th>Technical</Th>
              <Th>Network</Th>
              <Th>Ecosystem</Th>
              <Th>Sustainability</Th>
              <Th>Note</Th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((r) => (
              <tr key={r.id}>
                <Td>
                  {r.reviewerName}{" "}
                  {r.conflicted ? (
                    <Badge tone="warning">conflicted: their organization backs it</Badge>
                  ) : null}
                </Td>
                <Td>{r.technical}</Td>
                <Td>{r.network}</Td>
                <Td>{r.ecosystem}</Td>
                <Td>{r.sustainability}</Td>
                <Td className="whitespace-pre-line">{r.note}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <Form
        method="post"
        id={form.id}
        onSubmit={form.onSubmit}
        noValidate
        className="space-y-4 rounded-lg border border-line bg-paper p-4"
      >
        <h3>{mine ? "Change your scores" : "Score it"}</h3>
        <input type="hidden" name="intent" value="review" />
        <FormError errors={form.errors} />
        <div className="grid gap-4 sm:grid-cols-2">
          {LEVERAGE.map(([name, label, help]) => (
            <SelectField
              key={name}
              label={label}
              help={help}
              options={scoreOptions}
              {...fieldProps(fields[name])}
            />
          ))}
        </div>
        <TextareaField label="Note" rows={2} {...fieldProps(fields.note)} />
        <Button type="submit" variant="secondary" disabled={busy}>
          Save scores
        </Button>
      </Form>
    </section>
  );
}
