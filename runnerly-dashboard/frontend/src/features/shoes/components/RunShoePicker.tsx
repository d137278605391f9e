import { useId } from "react";
import { ErrorState } from "@/components/States";
import { useRunShoe, useSetRunShoe, useShoes } from "../api";

/** The pair a run was worn in, changeable: a pair, or back to its run type's default. */
export function RunShoePicker({ runId }: { runId: number }) {
  const shoes = useShoes();
  const current = useRunShoe(runId);
  const choose = useSetRunShoe(runId);
  const id = useId();
  const pairs = (shoes.data?.items ?? []).filter((s) => !s.retired || s.id === current.data?.shoe?.id);
  if (shoes.isPending || current.isPending || pairs.length === 0) return null;
  return (
    <div className="field shoe-picker">
      <label htmlFor={id}>Shoes</label>
      <select
        id={id}
        value={current.data?.shoe?.id ?? ""}
        disabled={choose.isPending}
        onChange={(e) => choose.mutate(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">The default pair of its run type</option>
        {pairs.map((shoe) => (
          <option key={shoe.id} value={shoe.id}>
            {shoe.name}
          </option>
        ))}
      </select>
      {choose.error && <ErrorState error={choose.error} />}
    </div>
  );
}
