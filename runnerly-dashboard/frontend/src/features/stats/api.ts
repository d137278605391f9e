import { useQuery } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api";
import { addDays } from "@/lib/dates";

export function useTotals(period: "weekly" | "monthly") {
  return useQuery({ queryKey: ["totals", period], queryFn: () => api.get<Schemas["Totals"]>(`/api/stats/${period}`) });
}

export function useRecords() {
  return useQuery({ queryKey: ["records"], queryFn: () => api.get<Schemas["Records"]>("/api/records") });
}

/** Every run of the year that ends today (for the heat map), page by page. */
export function useYearOfRuns(today: string) {
  return useQuery({
    queryKey: ["runs-year", today],
    queryFn: async () => {
      const runs: Schemas["Run"][] = [];
      for (let page = 1; page <= 10; page += 1) {
        const answer = await api.get<Schemas["RunPage"]>("/api/runs", { from: addDays(today, -365), to: today, per_page: 200, page });
        runs.push(...answer.items);
        if (runs.length >= answer.total || answer.items.length === 0) break;
      }
      return runs;
    },
  });
}

/** Monthly totals since 1 January of the runner's year (for the yearly goal). */
export function useYearTotals(today: string) {
  const from = `${today.slice(0, 4)}-01-01`;
  return useQuery({
    queryKey: ["totals", "monthly", from, today],
    queryFn: () => api.get<Schemas["Totals"]>("/api/stats/monthly", { from, to: today }),
  });
}

export function useBestEfforts() {
  return useQuery({ queryKey: ["best-efforts"], queryFn: () => api.get<Schemas["BestEfforts"]>("/api/best-efforts") });
}

export function useRoutes() {
  return useQuery({ queryKey: ["routes"], queryFn: () => api.get<Schemas["Routes"]>("/api/routes") });
}
