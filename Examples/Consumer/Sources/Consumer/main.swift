import Tessera

let a = NDArray([1.0, 2.0, 3.0, 4.0], shape: [2, 2])
let b = a * 2 + 1
print(b.toArray(Double.self))
precondition(b.toArray(Double.self) == [3, 5, 7, 9], "consumer: unexpected result")
print("consumer: Tessera works as a versioned dependency")
