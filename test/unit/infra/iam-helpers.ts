/**
 * Reading IAM out of a synthesized template: the statements attached to a function's role, with resources
 * rendered as short readable strings (`data:<output>` for values from the data stack).
 */
import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnJson } from './synth-helper';

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, unknown>;
  readonly Sid?: string;
}

/** Logical id of the role the function (found by its logical id prefix) runs as. */
export function roleOf(template: Template, functionIdPrefix: string): string {
  const functions = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) =>
    id.startsWith(functionIdPrefix),
  );
  if (functions.length !== 1)
    throw new Error(`expected one function ${functionIdPrefix}*, got ${functions.length}`);
  return functions[0]![1].Properties.Role['Fn::GetAtt'][0];
}

export function statementsOf(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export function actionsOf(statements: readonly Statement[]): string[] {
  return [...new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])))].sort();
}

/** Resources of the statements granting `action`, rendered. */
export function resourcesFor(statements: readonly Statement[], action: string): string[] {
  return statements
    .filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action))
    .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
    .map(render)
    .sort();
}

/** An intrinsic as a short string: GetStackOutput → data:<output name>, GetAtt → id.attr, Ref → id. */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(render).join(',');
  const object = value as Record<string, CfnJson>;
  if ('Fn::GetStackOutput' in object) return `data:${object['Fn::GetStackOutput'].OutputName}`;
  if ('Fn::ImportValue' in object) return `data:${render(object['Fn::ImportValue'])}`;
  if ('Fn::GetAtt' in object) return `${object['Fn::GetAtt'][0]}.${object['Fn::GetAtt'][1]}`;
  if ('Ref' in object) return String(object.Ref);
  if ('Fn::Join' in object)
    return (object['Fn::Join'][1] as unknown[]).map(render).join(object['Fn::Join'][0]);
  return JSON.stringify(object);
}
