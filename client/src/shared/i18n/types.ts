/** The shape of a folder's messages.ts (a module of its own: the server reads some folders' words too, without Vite). */
export interface MessageTree {
  [key: string]: string | MessageTree;
}
export interface FolderMessages {
  en: MessageTree;
  da: MessageTree;
}
