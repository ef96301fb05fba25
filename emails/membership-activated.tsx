import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type MembershipActivatedProps = {
  appUrl: string;
  organizationName: string;
  tierName: string;
  periodEnd: string;
  paidBy: "card" | "invoice";
  billingUrl: string;
};

/** Sent once, when a membership becomes active (issue 9, item 1.6); receipts are separate. */
export function MembershipActivated(props: MembershipActivatedProps) {
  return (
    <EmailLayout
      appUrl={props.appUrl}
      preview={`${props.organizationName} is a member (${props.tierName} tier)`}
    >
      <Text style={emailStyles.text}>
        Welcome: <strong>{props.organizationName}</strong> is now a member of the network on the{" "}
        <strong>{props.tierName}</strong> tier, until {props.periodEnd}
        {props.paidBy === "card" ? ", renewing automatically by card" : ""}.
      </Text>
      <Text style={emailStyles.text}>The receipt for the payment comes in a separate email.</Text>
      <Button href={props.billingUrl} style={emailStyles.button}>
        See the membership
      </Button>
    </EmailLayout>
  );
}

export const membershipActivatedSubject = (organizationName: string) =>
  `${organizationName} is a Commons member`;
