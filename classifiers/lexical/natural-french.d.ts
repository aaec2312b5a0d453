// natural's index loads its storage back-ends, which call dotenv at import time (reading .env and printing to
// stdout); the French stemmer and tokenizer are imported from their own modules instead, typed here.
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr' {
  const stemmer: { stem(token: string): string };
  export = stemmer;
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_fr' {
  class AggressiveTokenizerFr {
    tokenize(text: string): string[];
  }
  export = AggressiveTokenizerFr;
}
