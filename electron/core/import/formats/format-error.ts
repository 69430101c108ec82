// The one error the format readers raise: a stable reason the caller maps to words in the reader's language.

/** Why a document gave no text: damaged, locked, an image without a text layer, nothing in it, or a format not read here. */
export type FormatErrorReason = 'corrupt' | 'encrypted' | 'no-text-layer' | 'empty' | 'unsupported';

/** A document that could not be turned into text, with the reason; the message is English, for logs only. */
export class FormatError extends Error {
  constructor(
    readonly reason: FormatErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FormatError';
  }
}
