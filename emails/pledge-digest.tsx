import { Link, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

// Staff's daily digest of failed pledge charge attempts (issue 10, section 4).

export type PledgeDigestProps = {
  appUrl: string;
  day: string;
  rows: { initiative: string; url: string; code: string; message: string }[];
};

export const pledgeDigestSubject = (p: PledgeDigestProps) =>
  `${p.rows.length} failed pledge ${p.rows.length === 1 ? "charge" : "charges"} since ${p.day}`;

export function PledgeDigest(props: PledgeDigestProps) {
  return (
    <EmailLayout
      appUrl={props.appUrl}
      preview={pledgeDigestSubject(props)}
      footerNote="Sent daily to Commons staff."
    >
      <Text style={emailStyles.text}>Pledge charges that failed in the last 24 hours:</Text>
      {props.rows.map((row, i) => (
        <Text key={`${row.url}-${i}`} style={emailStyles.text}>
          <Link href={row.url}>{row.initiative}</Link>: {row.code}
          {row.message ? ` (${row.message})` : ""}
        </Text>
      ))}
    </EmailLayout>
  );
}
