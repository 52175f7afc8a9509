/**
 * Reads a stock write out of an inventory-table stream record. The images arrive in DynamoDB's
 * attribute-value form; only the attributes stock events need are read, and they are validated,
 * so a malformed stock item fails loudly (and is retried, then set aside) instead of publishing nonsense.
 */
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod';
import type { StockChange, StockImage } from '../../domain/stock-change';
import { isStockItemKey } from './inventory-keys';

const text = z.object({ S: z.string() }).transform((value) => value.S);
const whole = z.object({ N: z.string() }).transform((value, context) => {
  const number = Number(value.N);
  if (!Number.isSafeInteger(number)) {
    context.addIssue({ code: 'custom', message: `${value.N} is not a whole number` });
    return z.NEVER;
  }
  return number;
});

const StockImageSchema = z.object({
  sku: text,
  locationId: text,
  onHand: whole,
  reserved: whole,
  safetyStock: whole,
  available: whole,
  lowStockThreshold: whole.optional(),
  version: whole,
  updatedAt: text,
});

type Image = Record<string, AttributeValue> | undefined;

const isStockImage = (image: Image) => image !== undefined && isStockItemKey(image.pk?.S, image.sk?.S);

function stockImage(image: Image, which: string): StockImage | undefined {
  if (!isStockImage(image)) return undefined;
  const parsed = StockImageSchema.safeParse(image);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`The ${which} image of stock item ${image?.pk?.S} ${image?.sk?.S} is malformed: ${problems}`);
  }
  return parsed.data;
}

/** The stock write a record carries; undefined for every other item of the table (locations, ledger lines, adjustments). */
export function stockChangeOf(record: DynamoDBRecord): StockChange | undefined {
  const { OldImage, NewImage, Keys } = record.dynamodb ?? {};
  if (!isStockItemKey(Keys?.pk?.S ?? NewImage?.pk?.S ?? OldImage?.pk?.S, Keys?.sk?.S ?? NewImage?.sk?.S ?? OldImage?.sk?.S)) return undefined;
  return { before: stockImage(OldImage, 'old'), after: stockImage(NewImage, 'new') };
}
