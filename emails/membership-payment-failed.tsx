import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type MembershipPaymentFailedProps = {
  appUrl: string;
  organizationName: string;
  amount: string;
  billingUrl: string;
};

export function MembershipPaymentFailed(props: MembershipPaymentFailedProps) {
  return (
    <EmailLayout appUrl={props.appUrl} preview={`We could not renew ${props.organizationName}'s membership`}>
      <Text style={emailStyles.text}>
        We could not charge {props.amount} to renew <strong>{props.organizationName}</strong>'s membership.
        The membership stays open while we retry over the next two weeks.
      </Text>
      <Text style={emailStyles.text}>Update the card in the billing portal to keep it active:</Text>
      <Button href={props.billingUrl} style={emailStyles.button}>
        Update payment details
      </Button>
    </EmailLayout>
  );
}

export const membershipPaymentFailedSubject = (organizationName: string) =>
  `Action needed: ${organizationName}'s membership payment failed`;
