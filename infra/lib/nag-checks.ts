/**
 * cdk-nag's AwsSolutions pack for the app, plus precise justifications for wildcard *resources*.
 *
 * cdk-nag reports each wildcard resource as its own finding (AwsSolutions-IAM5[Resource::<as resolved>]),
 * and a resource from the other stack only takes its final form once the app is synthesized. So constructs
 * declare which wildcard resources they mean (a pattern and a reason) and, just before the pack runs, each
 * matching finding is acknowledged by its exact id. Anything else, and every wildcard *action*, still fails.
 *
 * Must never acknowledge a finding by rule id alone: a new wildcard would then pass unseen.
 */
import {
  type App,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  Validations,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export interface WildcardResourceJustification {
  /** Matched against the resource as cdk-nag prints it, e.g. `<Table.Arn>/index/*`. */
  readonly resource: RegExp;
  readonly reason: string;
}

const JUSTIFICATIONS = Symbol.for('charter-ops.wildcard-resource-justifications');
type Justified = IConstruct & { [JUSTIFICATIONS]?: WildcardResourceJustification[] };

/** Declares wildcard resources that IAM policies under `scope` may hold, and why. */
export function justifyWildcardResources(
  scope: IConstruct,
  justifications: readonly WildcardResourceJustification[],
): void {
  const holder = scope as Justified;
  holder[JUSTIFICATIONS] = [...(holder[JUSTIFICATIONS] ?? []), ...justifications];
}

/** Registers the justifications and the AwsSolutions pack on the app (order matters: justifications first). */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new WildcardResourceAcknowledger(), new AwsSolutionsChecks(app));
}

class WildcardResourceAcknowledger implements IPolicyValidationPlugin {
  readonly name = 'charter-ops-wildcard-resources';

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    for (const scope of context.appConstruct.node.findAll()) {
      const justifications = (scope as Justified)[JUSTIFICATIONS];
      if (!justifications) continue;
      for (const policy of scope.node.findAll()) {
        if (!(policy instanceof iam.CfnPolicy)) continue;
        acknowledgeJustified(policy, justifications);
      }
    }
    return { success: true, violations: [] };
  }
}

function acknowledgeJustified(
  policy: iam.CfnPolicy,
  justifications: readonly WildcardResourceJustification[],
) {
  const findings = rules.iam.IAMNoWildcardPermissions(policy);
  if (!Array.isArray(findings)) return;
  for (const finding of findings) {
    if (!finding.startsWith('Resource::')) continue;
    const resource = finding.slice('Resource::'.length);
    const justification = justifications.find((j) => j.resource.test(resource));
    if (justification) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: justification.reason,
      });
    }
  }
}
