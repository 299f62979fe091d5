"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { createProjectAction } from "@/lib/actions/create-project";
import { updateProjectAction } from "@/lib/actions/update-project";

type Values = {
  name: string;
  slug: string;
  repo: string;
  defaultBranch: string;
  description: string;
};

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);

export function ProjectForm({ project }: { project?: Values & { id: string } }) {
  const router = useRouter();
  const [values, setValues] = useState<Values>(
    project ?? { name: "", slug: "", repo: "", defaultBranch: "main", description: "" },
  );
  const [slugTouched, setSlugTouched] = useState(Boolean(project));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  const set = (key: keyof Values) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setValues((v) => ({
      ...v,
      [key]: value,
      ...(key === "name" && !slugTouched ? { slug: slugify(value) } : {}),
    }));
    if (key === "slug") setSlugTouched(true);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const result = project
        ? await updateProjectAction({ ...values, id: project.id })
        : await createProjectAction(values);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        toast.error(result.message);
        return;
      }
      setErrors({});
      toast.success(project ? "Project saved" : "Project created");
      router.push(`/projects/${result.data.slug}/board`);
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field id="project-name" label="Name" error={errors.name}>
        <Input
          id="project-name"
          value={values.name}
          onChange={set("name")}
          invalid={!!errors.name}
          autoFocus
        />
      </Field>
      <Field
        id="project-slug"
        label="Slug"
        hint="Used in the board's address: /projects/<slug>/board"
        error={errors.slug}
      >
        <Input
          id="project-slug"
          value={values.slug}
          onChange={set("slug")}
          invalid={!!errors.slug}
        />
      </Field>
      <Field
        id="project-repo"
        label="Repository"
        hint="A git repository on this server (each epic gets its own branch and worktree), a git URL for remote runners, or empty: runs then work in a scratch folder per epic, with no branch to review"
        error={errors.repo}
      >
        <Input
          id="project-repo"
          value={values.repo}
          onChange={set("repo")}
          invalid={!!errors.repo}
          placeholder="/srv/repos/my-app"
        />
      </Field>
      <Field id="project-branch" label="Default branch" error={errors.defaultBranch}>
        <Input
          id="project-branch"
          value={values.defaultBranch}
          onChange={set("defaultBranch")}
          invalid={!!errors.defaultBranch}
        />
      </Field>
      <Field id="project-description" label="Description" error={errors.description}>
        <Textarea
          id="project-description"
          rows={3}
          value={values.description}
          onChange={set("description")}
          invalid={!!errors.description}
        />
      </Field>
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : project ? "Save project" : "Create project"}
        </Button>
      </div>
    </form>
  );
}
