import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";

// Labelled form controls with help and error text wired up for assistive tech.

type Common = {
  label: string;
  help?: ReactNode;
  errors?: string[] | undefined;
  id?: string;
  /** Required only in some cases (the help says which): no "(optional)" in the label. */
  conditional?: boolean;
};

function useDescribed(id: string | undefined, help: ReactNode, errors: string[] | undefined) {
  const generated = useId();
  const controlId = id ?? generated;
  const helpId = help ? `${controlId}-help` : undefined;
  const errorId = errors?.length ? `${controlId}-error` : undefined;
  return {
    controlId,
    helpId,
    errorId,
    aria: {
      "aria-invalid": errorId ? true : undefined,
      "aria-describedby": [helpId, errorId].filter(Boolean).join(" ") || undefined,
    },
  };
}

const controlClass =
  "block w-full rounded-md border border-line bg-paper px-3 py-2 text-sm text-ink shadow-xs aria-invalid:border-danger-700 disabled:bg-canvas";

function Messages({
  helpId,
  help,
  errorId,
  errors,
}: {
  helpId?: string;
  help: ReactNode;
  errorId?: string;
  errors?: string[];
}) {
  return (
    <>
      {help ? (
        <p id={helpId} className="mt-1 text-sm text-muted">
          {help}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-danger-700">
          {errors?.join(" ")}
        </p>
      ) : null}
    </>
  );
}

export function Field({
  label,
  help,
  errors,
  id,
  className = "",
  conditional,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const d = useDescribed(id, help, errors);
  return (
    <div className={className}>
      <label htmlFor={d.controlId} className="mb-1 block text-sm font-medium">
        {label}
        {input.required || conditional ? null : <span className="font-normal text-muted"> (optional)</span>}
      </label>
      <input id={d.controlId} className={controlClass} {...d.aria} {...input} />
      <Messages helpId={d.helpId} help={help} errorId={d.errorId} errors={errors} />
    </div>
  );
}

export function TextareaField({
  label,
  help,
  errors,
  id,
  className = "",
  conditional,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const d = useDescribed(id, help, errors);
  return (
    <div className={className}>
      <label htmlFor={d.controlId} className="mb-1 block text-sm font-medium">
        {label}
        {input.required || conditional ? null : <span className="font-normal text-muted"> (optional)</span>}
      </label>
      <textarea id={d.controlId} className={controlClass} rows={4} {...d.aria} {...input} />
      <Messages helpId={d.helpId} help={help} errorId={d.errorId} errors={errors} />
    </div>
  );
}

export function SelectField({
  label,
  help,
  errors,
  id,
  className = "",
  options,
  hideLabel = false,
  conditional: _conditional,
  ...select
}: Common &
  SelectHTMLAttributes<HTMLSelectElement> & {
    options: { value: string; label: string }[];
    hideLabel?: boolean;
  }) {
  const d = useDescribed(id, help, errors);
  return (
    <div className={className}>
      <label htmlFor={d.controlId} className={hideLabel ? "sr-only" : "mb-1 block text-sm font-medium"}>
        {label}
      </label>
      <select id={d.controlId} className={controlClass} {...d.aria} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages helpId={d.helpId} help={help} errorId={d.errorId} errors={errors} />
    </div>
  );
}

export function CheckboxField({
  label,
  help,
  errors,
  id,
  className = "",
  conditional: _conditional,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const d = useDescribed(id, help, errors);
  return (
    <div className={`flex items-start gap-2 ${className}`}>
      <input
        id={d.controlId}
        type="checkbox"
        className="mt-1 size-4 accent-brand-700"
        {...d.aria}
        {...input}
      />
      <div>
        <label htmlFor={d.controlId} className="text-sm font-medium">
          {label}
        </label>
        <Messages helpId={d.helpId} help={help} errorId={d.errorId} errors={errors} />
      </div>
    </div>
  );
}

/** An error about the whole form (not one field), announced politely. */
export function FormError({ errors }: { errors?: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <div
      role="alert"
      className="rounded-md border border-danger-700 bg-danger-50 px-4 py-3 text-sm text-danger-700"
    >
      {errors.join(" ")}
    </div>
  );
}
