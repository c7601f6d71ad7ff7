// A program compiled against kernel-internal headers (bpfc's kernel mode: clang -emit-llvm | llc), as
// runtime compilation against a machine's headers does: it uses struct task_struct from linux/sched.h.
#include <linux/sched.h>
#include <uapi/linux/bpf.h>

static long (*bpf_get_current_task)(void) = (void *)BPF_FUNC_get_current_task;
static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *src) = (void *)BPF_FUNC_probe_read_kernel;

__attribute__((section("socket"), used))
int kernel_prog(struct __sk_buff *skb)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	pid_t pid = 0;

	bpf_probe_read_kernel(&pid, sizeof(pid), &task->pid);
	return pid >= 0 ? skb->len : 0;
}

char _license[] __attribute__((section("license"), used)) = "GPL";
