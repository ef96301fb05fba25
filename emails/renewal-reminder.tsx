import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type RenewalReminderProps = {
  appUrl: string;
  organizationName: string;
  tierName: string;
  date: string;
  amount: string;
  automatic: boolean;
  billingUrl: string;
};

/** Sent 30 days before a membership renews (card) or ends (invoice, subsidy). */
export function RenewalReminder(props: RenewalReminderProps) {
  return (
    <EmailLayout
      appUrl={props.appUrl}
      preview={`${props.organizationName}'s membership ${props.automatic ? "renews" : "ends"} on ${props.date}`}
    >
      <Text style={emailStyles.text}>
        {props.automatic
          ? `${props.organizationName}'s ${props.tierName} membership renews on ${props.date}: we will charge ${props.amount} to the card on file.`
          : `${props.organizationName}'s ${props.tierName} membership ends on ${props.date}. Renew it from the billing page to keep your hubs covered.`}
      </Text>
      <Button href={props.billingUrl} style={emailStyles.button}>
        {props.automatic ? "Review billing" : "Renew the membership"}
      </Button>
    </EmailLayout>
  );
}

export const renewalReminderSubject = (organizationName: string, automatic: boolean) =>
  automatic
    ? `${organizationName}'s Commons membership renews in 30 days`
    : `${organizationName}'s Commons membership ends in 30 days`;
