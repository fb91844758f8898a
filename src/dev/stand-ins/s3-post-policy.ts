/**
 * The POST policy rules s3rver leaves out, enforced in front of it: a browser upload through a presigned POST
 * is refused unless every condition of its policy holds, as S3 refuses it.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 *
 * - the policy has not expired (`expiration`);
 * - each condition holds: exact matches (`{"field": v}` and `["eq", "$field", v]`), `["starts-with", "$field",
 *   prefix]` and `["content-length-range", min, max]` on the file's size;
 * - every form field but `policy`, `x-amz-signature`, `file` and `x-ignore-*` is named by a condition (S3:
 *   "Each form field that you specify in a form … must appear in the list of conditions").
 * A refusal is S3's: 403 AccessDenied with the reason in an XML body (400 EntityTooLarge/Small for sizes).
 *
 * Development and tests only. Signature checks stay s3rver's; this module only reads the policy.
 */
import { Buffer } from 'node:buffer';

export interface PostPolicyRefusal {
  status: number;
  code: string;
  message: string;
}

type Condition = Record<string, string> | [string, string | number, string | number];

/** Checks a multipart POST to `bucket`; undefined when S3 would accept it. */
export async function checkPostPolicy(
  bucket: string,
  contentType: string,
  body: Buffer,
  now: Date = new Date(),
): Promise<PostPolicyRefusal | undefined> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return denied(
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
      400,
    );
  }
  const fields = new Map<string, string>();
  let fileSize: number | undefined;
  form.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (lower === 'file') fileSize = typeof value === 'string' ? Buffer.byteLength(value) : value.size;
    else if (typeof value === 'string') fields.set(lower, value);
  });
  const encoded = fields.get('policy');
  if (!encoded) return undefined; // An unsigned form: s3rver's own checks decide (it refuses without credentials).
  let policy: { expiration?: string; conditions?: Condition[] };
  try {
    policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return denied('InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.', 400);
  }
  if (!policy.expiration || !(Date.parse(policy.expiration) > now.getTime())) {
    return denied('AccessDenied', 'Invalid according to Policy: Policy expired.');
  }
  const fieldValue = (field: string) => (field === 'bucket' ? bucket : fields.get(field));
  const named = new Set<string>(['bucket']);
  for (const condition of policy.conditions ?? []) {
    if (Array.isArray(condition)) {
      const [operator, rawField, expected] = condition;
      if (operator === 'content-length-range') {
        const size = fileSize ?? 0;
        if (size > Number(expected))
          return denied('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400);
        if (size < Number(rawField))
          return denied(
            'EntityTooSmall',
            'Your proposed upload is smaller than the minimum allowed size',
            400,
          );
        continue;
      }
      const field = String(rawField).replace(/^\$/, '').toLowerCase();
      named.add(field);
      const actual = fieldValue(field) ?? '';
      const holds =
        operator === 'eq'
          ? actual === String(expected)
          : operator === 'starts-with' && actual.startsWith(String(expected));
      if (!holds) return failed(condition);
    } else {
      for (const [rawField, expected] of Object.entries(condition)) {
        const field = rawField.toLowerCase();
        named.add(field);
        if ((fieldValue(field) ?? '') !== expected) return failed({ [rawField]: expected });
      }
    }
  }
  for (const field of fields.keys()) {
    if (field === 'policy' || field === 'x-amz-signature' || field.startsWith('x-ignore-')) continue;
    if (!named.has(field)) {
      return denied('AccessDenied', `Invalid according to Policy: Extra input fields: ${field}`);
    }
  }
  return undefined;
}

function failed(condition: Condition): PostPolicyRefusal {
  return denied(
    'AccessDenied',
    `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`,
  );
}

function denied(code: string, message: string, status = 403): PostPolicyRefusal {
  return { status, code, message };
}

/** S3's error body. */
export function policyErrorXml(refusal: PostPolicyRefusal): string {
  const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${xmlText(refusal.message)}</Message></Error>`;
}
