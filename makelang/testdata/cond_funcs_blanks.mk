# GNU make strips the blanks around $(if)'s condition and $(or)/$(and)'s arguments before expanding
# them, and keeps what the expansion gives: Kbuild's modpost line `sed 's/ko$$/o/' $(or $(modorder-if-needed),
# /dev/null)` has two blanks before modules.order because $(modorder-if-needed) is `$(if $(K), $(MODORDER))`.
e :=
sp := $(e) $(e)
K := 1
order := $(if $(K), modules.order)
$(info [$(order)] [$(or $(order), /dev/null)] [$(or $(if ,x), /dev/null)])
$(info [$(if $(sp),T,F)] [$(or $(sp),b)] [$(and $(sp),c)] [$(and a, $(sp))] [$(or  , x)])
$(info [$(if  $(K) ,T)] [$(and $(K), w )] [$(or $(e) , v )] [$(if $(K), a , b )] [$(if ,a , b )])
all: ; @:
