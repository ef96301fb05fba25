import type { SubmissionResult } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, SelectField, TextareaField } from "~/components/ui/Field";
import { formatMoney } from "~/lib/money";
import { formatCount } from "~/lib/numbers";
import { proposalSchema } from "~/modules/initiatives/schemas";

export type ProposalOptions = {
  projects: { id: string; name: string }[];
  hubs: { id: string; name: string; userCount: number | null }[];
  sizeBands: {
    size: string;
    hoursMin: number;
    hoursMax: number;
    costMinMinor: number;
    costMaxMinor: number;
    currency: string;
  }[];
};

const markdownHelp = "Markdown works: **bold**, lists, links and `code`.";

function ChoiceList({
  legend,
  name,
  options,
  checked,
  errors,
  help,
}: {
  legend: string;
  name: string;
  options: { id: string; label: string }[];
  checked: string[];
  errors: string[] | undefined;
  help?: string;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {help ? <p className="mb-2 text-sm text-muted">{help}</p> : null}
      {options.length === 0 ? (
        <p className="text-sm text-muted">Nothing to choose from yet.</p>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2">
          {options.map((option) => (
            <li key={option.id} className="flex items-start gap-2">
              <input
                type="checkbox"
                id={`${name}-${option.id}`}
                name={name}
                value={option.id}
                defaultChecked={checked.includes(option.id)}
                className="mt-1 size-4 accent-brand-700"
              />
              <label htmlFor={`${name}-${option.id}`} className="text-sm">
                {option.label}
              </label>
            </li>
          ))}
        </ul>
      )}
      {errors?.length ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-danger-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The proposal form (issue 4, item 1): save as a draft at any time, submit when complete. */
/** Proposal fields a draft may leave empty but a submission needs (issue 13, item 9). */
const TO_SUBMIT = "Needed to submit; a draft can be saved without it.";

export function ProposalForm({
  lastResult,
  defaultValue,
  options,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Record<string, unknown>;
  options: ProposalOptions;
}) {
  const [form, fields] = useSchemaForm(proposalSchema, lastResult, defaultValue);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);
  return (
    <SchemaForm form={form} className="space-y-6">
      <Field label="Title" {...fieldProps(fields.title)} />
      <TextareaField
        label="Summary"
        rows={3}
        maxLength={280}
        help={`${TO_SUBMIT} One or two sentences, at most 280 characters. Shown in the catalog.`}
        conditional
        {...fieldProps(fields.summary)}
      />
      <TextareaField
        label="The problem"
        rows={6}
        help={`${TO_SUBMIT} What is hard today, and for whom? ${markdownHelp}`}
        conditional
        {...fieldProps(fields.problem)}
      />
      <TextareaField
        label="Proposed solution"
        rows={6}
        help={`${TO_SUBMIT} ${markdownHelp}`}
        conditional
        {...fieldProps(fields.solution)}
      />
      <TextareaField
        label="Implementation plan"
        rows={6}
        help={`${TO_SUBMIT} Milestones, who does the work, and how it gets upstream. ${markdownHelp}`}
        conditional
        {...fieldProps(fields.plan)}
      />
      <ChoiceList
        legend="Ecosystem fit: upstream projects"
        name="projectIds"
        help={`${TO_SUBMIT} Which open-source projects the work lands in (at least one, or suggest one below).`}
        options={options.projects.map((p) => ({ id: p.id, label: p.name }))}
        checked={list(fields.projectIds.initialValue)}
        errors={fields.projectIds.errors}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Suggest a project not on the list"
          help="Staff review suggestions and add them to the list."
          {...fieldProps(fields.suggestedProject)}
        />
        <Field
          label="Its address"
          type="url"
          placeholder="https://github.com/…"
          {...fieldProps(fields.suggestedProjectUrl)}
        />
      </div>
      <ChoiceList
        legend="Your hubs that would benefit"
        name="hubIds"
        options={options.hubs.map((h) => ({
          id: h.id,
          label: h.userCount ? `${h.name} (${formatCount(h.userCount)} users)` : h.name,
        }))}
        checked={list(fields.hubIds.initialValue)}
        errors={fields.hubIds.errors}
      />
      <div>
        <SelectField
          label="Size"
          options={[
            { value: "", label: "Choose a size" },
            ...options.sizeBands.map((b) => ({ value: b.size, label: b.size })),
          ]}
          {...fieldProps(fields.size)}
          help={TO_SUBMIT}
          conditional
          required={false}
        />
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">Guidance for each size</caption>
          <thead className="text-muted">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                Size
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Hours
              </th>
              <th scope="col" className="py-1 font-medium">
                Typical cost
              </th>
            </tr>
          </thead>
          <tbody>
            {options.sizeBands.map((band) => (
              <tr key={band.size} className="border-t border-line">
                <th scope="row" className="py-1 pr-3 font-semibold">
                  {band.size}
                </th>
                <td className="py-1 pr-3">
                  {band.hoursMin}–{band.hoursMax}
                </td>
                <td className="py-1">
                  {formatMoney({ amountMinor: band.costMinMinor, currency: band.currency })}–
                  {formatMoney({ amountMinor: band.costMaxMinor, currency: band.currency })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Field
        label="Suggested goal (USD)"
        inputMode="decimal"
        help="What you think the work costs. Staff set the final goal when they open it for pledges."
        {...fieldProps(fields.suggestedGoal)}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
          Save draft
        </Button>
        <Button type="submit" name="intent" value="submit" disabled={busy}>
          Submit for review
        </Button>
      </div>
    </SchemaForm>
  );
}
