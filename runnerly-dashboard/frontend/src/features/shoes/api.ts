import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api";

export type Shoe = Schemas["Shoe"];
export type ShoeChanges = Schemas["ShoeChanges"];

export const useShoes = () => useQuery({ queryKey: ["shoes"], queryFn: () => api.get<Schemas["ShoeList"]>("/api/shoes") });

export const useRunShoe = (runId: number) =>
  useQuery({ queryKey: ["shoes", "run", runId], queryFn: () => api.get<Schemas["RunShoe"]>(`/api/runs/${runId}/shoe`) });

/** Every change to a pair or an assignment moves mileage: all shoe queries are refetched. */
function useShoeMutation<T>(mutationFn: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: ["shoes"] }) });
}

export const useAddShoe = () => useShoeMutation((shoe: ShoeChanges & { name: string }) => api.post<Shoe>("/api/shoes", shoe));

export const useUpdateShoe = () =>
  useShoeMutation(({ id, changes }: { id: number; changes: ShoeChanges }) => api.patch<Shoe>(`/api/shoes/${id}`, changes));

export const useDeleteShoe = () => useShoeMutation((id: number) => api.delete(`/api/shoes/${id}`));

export const useSetRunShoe = (runId: number) =>
  useShoeMutation((shoeId: number | null) => api.put<Schemas["RunShoe"]>(`/api/runs/${runId}/shoe`, { shoe_id: shoeId }));
