"use client";
import { lazy, Suspense } from "react";

// The markdown parser (react-markdown, remark-gfm: ~50 KB gzip) is not part of a page's first load:
// it arrives after, and until it has the text shows as written.
const MarkdownRendered = lazy(() => import("./markdown-rendered"));

export function Markdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<p className="whitespace-pre-wrap">{text}</p>}>
      <MarkdownRendered text={text} />
    </Suspense>
  );
}
