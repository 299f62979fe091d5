"use client";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/** GitHub-flavoured markdown (tables, task lists, strikethrough), no raw HTML. Loaded lazily by ./markdown. */
export default function MarkdownRendered({ text }: { text: string }) {
  return <ReactMarkdown remarkPlugins={[remarkGfm]}>{text}</ReactMarkdown>;
}
