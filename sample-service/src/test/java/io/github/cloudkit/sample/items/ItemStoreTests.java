package io.github.cloudkit.sample.items;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ItemStoreTests {

	@Test
	void concurrentAddsGetDistinctIdsAndStopAtTheCapacity() throws Exception {
		ItemStore store = new ItemStore(1_000);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Long>> added = IntStream.range(0, 1_200)
					.mapToObj(i -> pool.submit(() -> store.add(item("item-" + i)).map(Item::getId).orElse(-1L)))
					.collect(Collectors.toList());
			List<Long> ids = new java.util.ArrayList<>();
			for (Future<Long> future : added) {
				ids.add(future.get());
			}

			assertThat(ids.stream().filter(id -> id > 0)).hasSize(1_000).doesNotHaveDuplicates();
			assertThat(ids.stream().filter(id -> id < 0)).as("refused when full").hasSize(200);
			assertThat(store.all()).hasSize(1_000).extracting(Item::getId).isSorted();
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static NewItem item(String name) {
		NewItem item = new NewItem();
		item.setName(name);
		return item;
	}

}
