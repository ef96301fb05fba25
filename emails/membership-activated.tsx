import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type MembershipActivatedProps = {
  appUrl: string;
  organizationName: string;
  tierName: string;
  amount: string;
  periodEnd: string;
  receiptNumber: string | null;
  paidBy: "card" | "invoice";
  billingUrl: string;
};

/** Sent when a payment activates or renews a membership: it doubles as the receipt. */
export function MembershipActivated(props: MembershipActivatedProps) {
  return (
    <EmailLayout appUrl={props.appUrl} preview={`${props.organizationName} is a ${props.tierName} member`}>
      <Text style={emailStyles.text}>
        Thank you: <strong>{props.organizationName}</strong> is now a <strong>{props.tierName}</strong> member
        of the network, until {props.periodEnd}.
      </Text>
      <Text style={emailStyles.text}>
        Receipt{props.receiptNumber ? ` ${props.receiptNumber}` : ""}: {props.amount} paid{" "}
        {props.paidBy === "card" ? "by card" : "against the invoice"}.
      </Text>
      <Button href={props.billingUrl} style={emailStyles.button}>
        See billing and receipts
      </Button>
    </EmailLayout>
  );
}

export const membershipActivatedSubject = (organizationName: string) =>
  `Receipt: ${organizationName}'s Commons membership`;
