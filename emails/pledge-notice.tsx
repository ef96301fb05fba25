import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

// Every email about a pledge (issue 10, section 4), one template with a variant per
// moment: props in, markup out.

export type PledgeNoticeKind =
  | "committed"
  | "reminder"
  | "charged"
  | "action_needed"
  | "released"
  | "dropped"
  | "card_expiring";

export type PledgeNoticeProps = {
  appUrl: string;
  kind: PledgeNoticeKind;
  organizationName: string;
  initiativeTitle: string;
  amount: string;
  method: "card" | "invoice";
  /** The organization's page for this pledge (fix payment, receipt, change). */
  pledgeUrl: string;
  deadline: string | null;
  /** What went wrong or what to do, for action_needed. */
  detail?: string;
  /** When the errored window ends, for action_needed. */
  windowEnds?: string | null;
};

const SUBJECTS: Record<PledgeNoticeKind, (p: PledgeNoticeProps) => string> = {
  committed: (p) => `Pledge committed: ${p.amount} to ${p.initiativeTitle}`,
  reminder: (p) => `${p.initiativeTitle} closes for pledges on ${p.deadline}`,
  charged: (p) => `Receipt: ${p.organizationName} paid ${p.amount} to ${p.initiativeTitle}`,
  action_needed: (p) => `Action needed: ${p.organizationName}'s pledge to ${p.initiativeTitle} was not paid`,
  released: (p) => `${p.initiativeTitle} was not funded: nothing was charged`,
  dropped: (p) => `${p.organizationName}'s pledge to ${p.initiativeTitle} was dropped`,
  card_expiring: (p) => `Replace the card for ${p.organizationName}'s pledge to ${p.initiativeTitle}`,
};

export const pledgeNoticeSubject = (props: PledgeNoticeProps) => SUBJECTS[props.kind](props);

function Body(p: PledgeNoticeProps) {
  switch (p.kind) {
    case "committed":
      return (
        <>
          <Text style={emailStyles.text}>
            <strong>{p.organizationName}</strong> pledged <strong>{p.amount}</strong> to {p.initiativeTitle}.
          </Text>
          <Text style={emailStyles.text}>
            Nothing is charged unless the initiative is funded by its deadline
            {p.deadline ? ` (${p.deadline})` : ""}.
            {p.method === "card"
              ? " If it is, the saved card is charged once, right after the deadline."
              : " If it is, an invoice payable within 30 days is sent right after the deadline."}{" "}
            You can raise, lower or cancel the pledge until then, except that in the final 24 hours no change
            may take the initiative below its goal or its minimum number of organizations.
          </Text>
        </>
      );
    case "reminder":
      return (
        <Text style={emailStyles.text}>
          {p.initiativeTitle} closes for pledges on {p.deadline}. {p.organizationName}'s pledge is {p.amount}.
          After the deadline it is charged only if the initiative is funded.
        </Text>
      );
    case "charged":
      return (
        <Text style={emailStyles.text}>
          {p.initiativeTitle} was funded and <strong>{p.organizationName}</strong>'s pledge of{" "}
          <strong>{p.amount}</strong> has been paid. Thank you. The receipt is on the pledge's page.
        </Text>
      );
    case "action_needed":
      return (
        <>
          <Text style={emailStyles.text}>
            {p.initiativeTitle} was funded, but {p.organizationName}'s pledge of {p.amount} could not be
            collected. {p.detail}
          </Text>
          {p.windowEnds ? (
            <Text style={emailStyles.text}>
              Fix the payment by {p.windowEnds}; after that the pledge is dropped.
            </Text>
          ) : null}
        </>
      );
    case "released":
      return (
        <Text style={emailStyles.text}>
          {p.initiativeTitle} did not reach its funding rule by its deadline. {p.organizationName}'s pledge of{" "}
          {p.amount} is released: nothing was charged and no fee was taken.
        </Text>
      );
    case "dropped":
      return (
        <Text style={emailStyles.text}>
          The payment for {p.organizationName}'s pledge of {p.amount} to {p.initiativeTitle} was not completed
          within seven days of funding, so the pledge was dropped. Nothing was charged. The initiative stays
          funded.
        </Text>
      );
    case "card_expiring":
      return (
        <Text style={emailStyles.text}>
          The card saved for {p.organizationName}'s pledge of {p.amount} to {p.initiativeTitle} expires before
          the pledge would be collected. Replace the card, or switch the pledge to an invoice.
        </Text>
      );
  }
}

const ACTIONS: Partial<Record<PledgeNoticeKind, string>> = {
  committed: "See the pledge",
  charged: "See the receipt",
  action_needed: "Fix payment",
  card_expiring: "Replace the card",
  reminder: "See the pledge",
};

export function PledgeNotice(props: PledgeNoticeProps) {
  const action = ACTIONS[props.kind];
  return (
    <EmailLayout appUrl={props.appUrl} preview={pledgeNoticeSubject(props)}>
      <Body {...props} />
      {action ? (
        <Button href={props.pledgeUrl} style={emailStyles.button}>
          {action}
        </Button>
      ) : null}
    </EmailLayout>
  );
}
