package compat_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// The reliable-queue pattern on lists, driven through go-redis against
// both servers: workers move jobs with BLMOVE from the queue to a
// processing list, and remove them from there with LREM once done. A job
// a worker took and lost is put back from the processing list. Every job
// must be processed exactly once; the results are facts that do not
// depend on which worker got which job.
func init() {
	goredisScenarios = append(goredisScenarios,
		goredisScenario{"reliable queue", func(ctx context.Context, r *rec, c *redis.Client, other func() *redis.Client) {
			const (
				queue, processing = "queue:jobs", "queue:processing"
				workers, jobs     = 4, 300
			)
			// A worker takes a job and dies before finishing it; the
			// reaper finds it in the processing list and requeues it.
			c.LPush(ctx, queue, "job:lost")
			v, err := c.LMove(ctx, queue, processing, "RIGHT", "LEFT").Result()
			r.add("a worker takes a job and dies", v, err)
			stale, err := c.LRange(ctx, processing, 0, -1).Result()
			r.add("the processing list holds it", stale, err)
			for _, job := range stale {
				n, err := c.LRem(ctx, processing, 1, job).Result()
				r.add("the reaper removes it", n, err)
				n, err = c.RPush(ctx, queue, job).Result()
				r.add("and requeues it at the head", n, err)
			}

			var mu sync.Mutex
			done := map[string]int{}
			var problems []string
			var wg sync.WaitGroup
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					wc := other()
					defer wc.Close()
					for ctx.Err() == nil {
						job, err := wc.BLMove(ctx, queue, processing, "RIGHT", "LEFT", 5*time.Second).Result()
						if errors.Is(err, redis.Nil) {
							continue
						}
						if err != nil {
							mu.Lock()
							problems = append(problems, fmt.Sprintf("worker %d: BLMOVE: %v", w, err))
							mu.Unlock()
							return
						}
						n, err := wc.LRem(ctx, processing, 1, job).Result()
						mu.Lock()
						if err != nil || n != 1 {
							problems = append(problems, fmt.Sprintf("worker %d: LREM %s = %d, %v", w, job, n, err))
						}
						done[job]++
						mu.Unlock()
						if job == "stop" {
							return
						}
					}
				}()
			}
			// The producer: single pushes and batches, from another client.
			pc := other()
			for i := 0; i < jobs; {
				if i%7 == 0 {
					batch := []any{}
					for j := 0; j < 5 && i < jobs; j++ {
						batch = append(batch, "job:"+strconv.Itoa(i))
						i++
					}
					pc.LPush(ctx, queue, batch...)
					continue
				}
				pc.LPush(ctx, queue, "job:"+strconv.Itoa(i))
				i++
			}
			for range workers {
				pc.LPush(ctx, queue, "stop")
			}
			pc.Close()
			wg.Wait()

			slices.Sort(problems)
			r.add("problems", problems, nil)
			missing, twice := 0, 0
			for i := range jobs {
				switch done["job:"+strconv.Itoa(i)] {
				case 0:
					missing++
				case 1:
				default:
					twice++
				}
			}
			r.add("jobs processed", len(done)-1, nil)
			r.add("jobs never processed", missing, nil)
			r.add("jobs processed twice", twice, nil)
			r.add("the lost job processed", done["job:lost"], nil)
			r.add("stop markers taken", done["stop"], nil)
			n, err := c.LLen(ctx, queue).Result()
			r.add("queue length", n, err)
			n, err = c.LLen(ctx, processing).Result()
			r.add("processing length", n, err)
			e, err := c.Exists(ctx, queue, processing).Result()
			r.add("keys left", e, err)
			info, err := c.Info(ctx, "clients").Result()
			r.add("blocked clients left", infoField(info, "blocked_clients"), err)
		}},
	)
}

// infoField returns one field of an INFO reply.
func infoField(info, name string) string {
	for _, line := range strings.Split(info, "\r\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && k == name {
			return v
		}
	}
	return ""
}
