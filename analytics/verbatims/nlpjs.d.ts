// The @nlpjs language packages ship no type declarations; these are the parts this module uses.
declare module '@nlpjs/lang-da' {
  export class StemmerDa {
    stemWord(word: string): string;
  }
}
declare module '@nlpjs/lang-en' {
  export class StemmerEn {
    stemWord(word: string): string;
  }
}
