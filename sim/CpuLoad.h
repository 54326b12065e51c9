#pragma once
// Whether the machine has a core free for each thread of a team, from the kernel's count of the threads
// that are running or ready to run at this instant (the fourth field of /proc/loadavg, "4/120"). Member
// 0 asks while it steps alone and the others sleep (sim/TeamPace): the count then holds member 0 and
// whatever other programs run. Where it cannot tell (no /proc, or a process held to some of the
// machine's CPUs, for which a count of the whole machine says nothing), the answer is yes.
#include <optional>
#include <string_view>

namespace ss::sim {

// Whether `threads` threads, the caller among them and the others asleep, would each have a CPU.
bool cpusFreeFor(int threads);
// The CPUs this process may run on (its affinity mask; where the system does not say, the machine's).
int processCpus();
// The machine's CPUs where this process may run on all of them; nullopt where it is held to some (or
// the system does not say).
std::optional<int> wholeMachineCpus();
// The count of running and ready threads in a text of /proc/loadavg.
std::optional<int> runnableInLoadavg(std::string_view text);

} // namespace ss::sim
