import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type ReceiptEmailProps = {
  appUrl: string;
  organizationName: string;
  number: string;
  paidOn: string;
  amount: string;
  lines: { description: string; amount: string }[];
  poNumber: string | null;
  receiptUrl: string;
};

/** Sent for every paid invoice (issue 9, item 1.6): the payment, and where the full receipt is. */
export function ReceiptEmail(props: ReceiptEmailProps) {
  return (
    <EmailLayout appUrl={props.appUrl} preview={`Receipt ${props.number}: ${props.amount}`}>
      <Text style={emailStyles.text}>
        Receipt <strong>{props.number}</strong> for {props.organizationName}: {props.amount} paid on{" "}
        {props.paidOn}
        {props.poNumber ? ` (PO ${props.poNumber})` : ""}.
      </Text>
      {props.lines.map((line) => (
        <Text key={line.description} style={emailStyles.text}>
          {line.description}: {line.amount}
        </Text>
      ))}
      <Button href={props.receiptUrl} style={emailStyles.button}>
        View or print the receipt
      </Button>
    </EmailLayout>
  );
}

export const receiptSubject = (organizationName: string, number: string) =>
  `Receipt ${number}: ${organizationName}'s Commons membership`;
