#define READ_ONCE(x) (*(const volatile typeof(x) *)&(x))
