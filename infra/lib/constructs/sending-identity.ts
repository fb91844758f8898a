/**
 * SendingIdentity: the SES domain identity (Easy DKIM) a brand sends crew email from. Its DKIM CNAME records
 * are stack outputs for the operator to add to the domain's DNS; SES sends only once they resolve.
 *
 * Must never grant anything: who may send is decided where the sender is (SccService).
 */
import { CfnOutput } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface SendingIdentityProps {
  readonly domain: string;
}

export class SendingIdentity extends Construct {
  readonly domain: string;
  readonly identity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: SendingIdentityProps) {
    super(scope, id);
    this.domain = props.domain;
    this.identity = new ses.EmailIdentity(this, 'Identity', { identity: ses.Identity.domain(props.domain) });
    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `DKIM CNAME ${index + 1} for ${props.domain}: add it to the domain's DNS (name = value)`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }
}
