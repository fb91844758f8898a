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

/** Where a DynamoDB request lands: the table itself or its GSI1. */
export type TableTarget = 'table' | 'index';

/**
 * Would these statements allow `action` on the table (or its index) for a request whose partition keys are
 * `leadingKeys`? A small IAM evaluator for DynamoDB grants: Allow statements only (the app writes no Deny),
 * the action matched exactly or by `dynamodb:*`, the resource classified as the table or an index, and the
 * condition operators the app uses (ForAllValues:StringLike / StringEquals, Null). Any other condition operator
 * throws, so a new kind of grant cannot pass a test by being misread.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export function allowsTableAccess(
  statements: readonly Statement[],
  action: string,
  target: TableTarget,
  leadingKeys: readonly string[],
): boolean {
  return statements.some((s) => {
    if (s.Effect !== 'Allow') return false;
    const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
    if (!actions.some((a) => a === action || a === 'dynamodb:*' || a === '*')) return false;
    const resources = (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map(render);
    if (!resources.some((r) => r === '*' || targetOf(r) === target)) return false;
    return conditionsHold(s.Condition ?? {}, leadingKeys);
  });
}

function targetOf(resource: string): TableTarget | 'other' {
  if (!/Table/i.test(resource)) return 'other';
  if (/\/stream\//.test(resource)) return 'other';
  return /\/index\//.test(resource) ? 'index' : 'table';
}

const likePattern = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

function conditionsHold(conditions: Record<string, unknown>, leadingKeys: readonly string[]): boolean {
  return Object.entries(conditions).every(([operator, byKey]) =>
    Object.entries(byKey as Record<string, unknown>).every(([key, value]) => {
      if (key !== 'dynamodb:LeadingKeys') throw new Error(`unexpected condition key ${key}`);
      const values = (Array.isArray(value) ? value : [value]).map(String);
      switch (operator) {
        case 'ForAllValues:StringLike':
          return leadingKeys.every((k) => values.some((v) => likePattern(v).test(k)));
        case 'ForAllValues:StringEquals':
          return leadingKeys.every((k) => values.includes(k));
        case 'Null':
          // "false": the key must be present in the request (a Scan has no leading keys).
          return values[0] === 'false' ? leadingKeys.length > 0 : leadingKeys.length === 0;
        default:
          throw new Error(`unexpected condition operator ${operator}`);
      }
    }),
  );
}
