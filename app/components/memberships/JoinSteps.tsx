// Where someone joining is (issue 13, item 1): account, organization, payment.

const STEPS = ["Your account", "Your organization", "Payment"] as const;

export function JoinSteps({ current, tierName }: { current: 1 | 2 | 3; tierName: string }) {
  return (
    <nav
      aria-label={`Joining at ${tierName}`}
      className="rounded-md border border-line bg-paper px-4 py-3 text-sm"
    >
      <p className="font-medium">
        Joining at {tierName}: step {current} of {STEPS.length}
      </p>
      <ol className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
        {STEPS.map((step, index) => (
          <li
            key={step}
            aria-current={index + 1 === current ? "step" : undefined}
            className={index + 1 === current ? "font-semibold text-brand-800" : "text-muted"}
          >
            {index + 1}. {step}
            {index + 1 < current ? " ✓" : ""}
          </li>
        ))}
      </ol>
    </nav>
  );
}
