package server

// partialSort sorts v enough that the positions lo..hi (inclusive) hold
// what a full sort would put there, as Redis's pqsort does for SORT with
// BY and a LIMIT range. It is the quicksort of Bentley and McIlroy's
// "Engineering a Sort Function" (the one in BSD libc), which recurses
// only into the parts that overlap the range; it takes the same steps as
// Redis's, so that elements that compare equal (ALPHA weights that tie)
// end up in the same order. cmp must not change the elements.
func partialSort[T any](v []T, cmp func(a, b *T) int, lo, hi int) {
	pqsort(v, 0, len(v), cmp, lo, hi)
}

// pqsort sorts the n elements from base.
func pqsort[T any](v []T, base, n int, cmp func(a, b *T) int, lo, hi int) {
	for {
		if n < 7 {
			insertionSortFunc(v[base:base+n], cmp)
			return
		}
		// The pivot: the middle, the median of three for more than 7
		// elements, the median of three medians for more than 40.
		pm := base + n/2
		if n > 7 {
			pl, pn := base, base+n-1
			if n > 40 {
				d := n / 8
				pl = median3(v, pl, pl+d, pl+2*d, cmp)
				pm = median3(v, pm-d, pm, pm+d, cmp)
				pn = median3(v, pn-2*d, pn-d, pn, cmp)
			}
			pm = median3(v, pl, pm, pn, cmp)
		}
		v[base], v[pm] = v[pm], v[base]
		pivot := &v[base]

		// Partition into = < ? > =: equal elements gather at both ends,
		// [base+1, pa) and (pd, end).
		pa, pb := base+1, base+1
		pc, pd := base+n-1, base+n-1
		swapped := false
		for {
			for pb <= pc {
				r := cmp(&v[pb], pivot)
				if r > 0 {
					break
				}
				if r == 0 {
					swapped = true
					v[pa], v[pb] = v[pb], v[pa]
					pa++
				}
				pb++
			}
			for pb <= pc {
				r := cmp(&v[pc], pivot)
				if r < 0 {
					break
				}
				if r == 0 {
					swapped = true
					v[pc], v[pd] = v[pd], v[pc]
					pd--
				}
				pc--
			}
			if pb > pc {
				break
			}
			v[pb], v[pc] = v[pc], v[pb]
			swapped = true
			pb++
			pc--
		}
		if !swapped {
			// Already partitioned without a move: likely sorted.
			insertionSortFunc(v[base:base+n], cmp)
			return
		}

		// Move the equal elements to the middle.
		end := base + n
		r := min(pa-base, pb-pa)
		swapRuns(v, base, pb-r, r)
		r = min(pd-pc, end-pd-1)
		swapRuns(v, pb, end-r, r)

		if r = pb - pa; r > 1 && overlaps(base, r, lo, hi) {
			pqsort(v, base, r, cmp, lo, hi)
		}
		if r = pd - pc; r > 1 {
			base, n = end-r, r
			if overlaps(base, n, lo, hi) {
				continue
			}
		}
		return
	}
}

// overlaps reports whether the n elements from base are worth sorting
// for the range lo..hi, with Redis's test (which differs from a plain
// overlap only for an empty range, hi < lo).
func overlaps(base, n, lo, hi int) bool {
	last := base + n - 1
	return !(lo < base && hi < base || lo > last && hi > last)
}

func median3[T any](v []T, a, b, c int, cmp func(a, b *T) int) int {
	if cmp(&v[a], &v[b]) < 0 {
		switch {
		case cmp(&v[b], &v[c]) < 0:
			return b
		case cmp(&v[a], &v[c]) < 0:
			return c
		}
		return a
	}
	switch {
	case cmp(&v[b], &v[c]) > 0:
		return b
	case cmp(&v[a], &v[c]) < 0:
		return a
	}
	return c
}

func insertionSortFunc[T any](v []T, cmp func(a, b *T) int) {
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && cmp(&v[j-1], &v[j]) > 0; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}

// swapRuns swaps the n elements from i with the n elements from j.
func swapRuns[T any](v []T, i, j, n int) {
	for k := 0; k < n; k++ {
		v[i+k], v[j+k] = v[j+k], v[i+k]
	}
}

// mergeSort sorts v stably, as glibc's qsort does for SORT (a merge sort
// whenever it can allocate its buffer), so that elements that compare
// equal keep their order. tmp is a buffer of at least len(v) elements.
// Unlike slices.SortStableFunc, which merges in place, it moves each
// element O(log n) times, which matters for SORT's wide elements.
func mergeSort[T any](v, tmp []T, cmp func(a, b *T) int) {
	if len(v) <= 12 {
		insertionSortFunc(v, cmp)
		return
	}
	mid := len(v) / 2
	mergeSort(v[:mid], tmp, cmp)
	mergeSort(v[mid:], tmp, cmp)
	if cmp(&v[mid-1], &v[mid]) <= 0 {
		return // already in order
	}
	out := tmp[:0]
	i, j := 0, mid
	for i < mid && j < len(v) {
		if cmp(&v[j], &v[i]) < 0 {
			out = append(out, v[j])
			j++
		} else {
			out = append(out, v[i])
			i++
		}
	}
	out = append(out, v[i:mid]...)
	copy(v, out) // the rest of the right half is in place
}
